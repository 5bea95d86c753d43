package dev.tpc.runtime.session;

import java.util.List;
import java.util.Locale;

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

    /**
     * The failure in a few lines for a person: the message, the step, and the end of the verifier's
     * log ({@code verifierLines} lines; all of it when {@code verifierLines} is 0 or less).
     */
    public String describe(int verifierLines) {
        StringBuilder sb = new StringBuilder(getMessage());
        if (step != null) {
            sb.append(" (step ").append(step.name().toLowerCase(Locale.ROOT)).append(')');
        }
        if (!verifierLog.isBlank()) {
            List<String> lines = verifierLog.strip().lines().toList();
            int from = verifierLines <= 0 ? 0 : Math.max(0, lines.size() - verifierLines);
            sb.append("\nthe verifier said").append(from > 0 ? " (last " + verifierLines + " lines; TPC_DEBUG=1 for all)" : "")
                    .append(':');
            for (String l : lines.subList(from, lines.size())) {
                sb.append("\n  ").append(l);
            }
        }
        return sb.toString();
    }
}
