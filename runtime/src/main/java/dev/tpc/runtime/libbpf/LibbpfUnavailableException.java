package dev.tpc.runtime.libbpf;

/** libbpf (or the native bridge) cannot be used on this machine; the message says why and what to install. */
public final class LibbpfUnavailableException extends Exception {
    public LibbpfUnavailableException(String message) {
        super(message);
    }

    public LibbpfUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
