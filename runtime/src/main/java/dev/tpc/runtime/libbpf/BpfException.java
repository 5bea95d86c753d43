package dev.tpc.runtime.libbpf;

/**
 * A libbpf or kernel call failed. Carries the errno and, when the kernel verifier refused a program,
 * its log, so that the caller can show why.
 */
public final class BpfException extends Exception {
    private final int errno;
    private final String verifierLog;

    public BpfException(String message, int errno) {
        this(message, errno, "");
    }

    public BpfException(String message, int errno, String verifierLog) {
        super(errno == 0 ? message : message + ": " + Errno.describe(errno));
        this.errno = errno;
        this.verifierLog = verifierLog == null ? "" : verifierLog;
    }

    /** Positive errno value, or 0 when the failure did not come from a system call. */
    public int errno() {
        return errno;
    }

    /** Verifier output of a refused program load; empty when there is none. */
    public String verifierLog() {
        return verifierLog;
    }
}
