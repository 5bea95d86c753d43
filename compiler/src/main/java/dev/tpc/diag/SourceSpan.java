package dev.tpc.diag;

/**
 * A region of a source file. Lines and columns are 1-based; {@code endColumn} is exclusive,
 * as in SARIF. A span with {@code line == 0} points at the file as a whole.
 */
public record SourceSpan(String file, int line, int column, int endLine, int endColumn) {

    public static SourceSpan wholeFile(String file) {
        return new SourceSpan(file, 0, 0, 0, 0);
    }

    public static SourceSpan point(String file, int line, int column) {
        return new SourceSpan(file, line, column, line, column + 1);
    }

    public boolean hasPosition() {
        return line > 0;
    }
}
