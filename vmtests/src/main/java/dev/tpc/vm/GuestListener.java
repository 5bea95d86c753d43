package dev.tpc.vm;

/**
 * What a running guest tells its caller as it happens. Called from the thread that runs
 * {@link Guests#run}, in order; a listener that throws does not stop the guest.
 */
public interface GuestListener {
    GuestListener NONE = new GuestListener() {};

    /** One line of the guest's serial console (kernel messages, tpc's markers, the command's output). */
    default void console(String line) {}

    /**
     * A new file in the exchange directory (a per-scenario result record, say). Files whose name
     * starts with a dot or ends in {@code .tmp} are not reported: write there and rename, so that
     * a record is only seen whole (a file is also held back until its size and mtime stayed the same
     * for a second). Reported once per path; the last ones after the guest ended.
     */
    default void exchangeFile(ExchangeFile file) {}
}
