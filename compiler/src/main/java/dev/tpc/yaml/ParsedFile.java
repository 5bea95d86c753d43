package dev.tpc.yaml;

import dev.tpc.diag.Diagnostic;
import java.util.List;

/**
 * The outcome of reading one input: its documents and the problems found while reading.
 * A syntax error ends the stream, so the documents before it are still returned.
 */
public record ParsedFile(SourceText source, List<YamlDocument> documents, List<Diagnostic> diagnostics) {
    public ParsedFile {
        documents = List.copyOf(documents);
        diagnostics = List.copyOf(diagnostics);
    }
}
