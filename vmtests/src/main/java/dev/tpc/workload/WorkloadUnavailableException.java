package dev.tpc.workload;

/**
 * There is no workload helper that runs here (not Linux, a build without it, a temporary
 * directory that forbids execution); the message says which and what to do.
 */
public final class WorkloadUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WorkloadUnavailableException(String message) {
        super(message);
    }
}
