package dev.tpc.runtime.session;

/**
 * Loading a plan failed; everything the attempt created has been released. Says which attach point
 * and which step failed, and carries the verifier log when the kernel refused a program.
 */
public final class LoadFailure extends Exception {
    /** The steps of loading one attach point, in order. */
    public enum Step { LIBBPF, MOUNT, TEMPLATE, OPEN, SPECIALISE, LOAD, FILL, ATTACH, EVENTS }

    private final String attachPoint;
    private final Step step;
    private final String verifierLog;

    public LoadFailure(String attachPoint, Step step, String message, String verifierLog, Throwable cause) {
        super((attachPoint == null ? "" : attachPoint + ": ") + message, cause);
        this.attachPoint = attachPoint;
        this.step = step;
        this.verifierLog = verifierLog == null ? "" : verifierLog;
    }

    /** The failing attach point's id, or null for a session-wide step. */
    public String attachPoint() {
        return attachPoint;
    }

    public Step step() {
        return step;
    }

    public String verifierLog() {
        return verifierLog;
    }
}
