package dev.tpc.vm.kernel;

/**
 * What the kernel store tells a front end while it works: downloads of 50-125 MB per kernel take
 * long enough to deserve a progress line. Methods may be called from a background thread.
 */
public interface KernelListener {
    KernelListener NONE = new KernelListener() {};

    /** A step worth a line: "updating the Debian index", "extracting ...", a warning. */
    default void status(String message) {}

    /**
     * Download progress of one kernel's packages.
     *
     * @param what  the packages being fetched, e.g. {@code linux-image-6.1.0-57-amd64-unsigned 6.1.192-3}
     * @param done  bytes downloaded so far
     * @param total bytes in all (from apt's index), or -1 when unknown
     */
    default void download(String what, long done, long total) {}
}
