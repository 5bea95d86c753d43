package dev.tpc.target;

/** A tracepoint format text that cannot be read; carries the 1-based line where reading stopped. */
public final class TracepointFormatException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;

    public TracepointFormatException(int line, String message) {
        super("line " + line + ": " + message);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
