package dev.tpc.yaml;

import java.util.List;

/** The text of an input as the user sees it: its display path and its lines (for snippets). */
public record SourceText(String path, List<String> lines) {
    public SourceText {
        lines = List.copyOf(lines);
    }

    /** Line {@code n} (1-based), or an empty string when out of range. */
    public String line(int n) {
        return n >= 1 && n <= lines.size() ? lines.get(n - 1) : "";
    }
}
