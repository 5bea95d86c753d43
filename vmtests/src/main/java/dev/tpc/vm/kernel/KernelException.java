package dev.tpc.vm.kernel;

/**
 * A kernel could not be had: no network, no apt, a suite that no longer carries the series, a
 * broken .deb, a full disk. The message is for the user as it stands (front ends print it
 * without a stack trace) and says what to do where there is something to do.
 */
public final class KernelException extends Exception {
    private static final long serialVersionUID = 1L;

    public KernelException(String message) {
        super(message);
    }

    public KernelException(String message, Throwable cause) {
        super(message, cause);
    }
}
