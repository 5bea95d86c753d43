package dev.tpc.yaml;

import dev.tpc.diag.Diagnostic;
import dev.tpc.diag.SourceSpan;
import java.util.List;

/**
 * One document of a YAML stream; {@code ordinal} counts from 1. {@code root} is null when empty.
 * {@code problems} are the reading problems inside this document (e.g. a duplicate key), which
 * make Tetragon refuse it.
 */
public record YamlDocument(int ordinal, YamlNode root, SourceSpan span, Suppressions suppressions,
                           List<Diagnostic> problems) {
    public YamlDocument {
        problems = List.copyOf(problems);
    }
}
