package dev.tpc.api;

import dev.tpc.diag.Diagnostic;
import dev.tpc.validate.DocumentVerdict;
import dev.tpc.yaml.SourceText;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The result for one input file.
 *
 * @param path            the file as shown to the user (relative to the working directory)
 * @param source          its text, for snippets
 * @param fileDiagnostics findings about the file as a whole (unreadable, binary, YAML syntax)
 * @param documents       one verdict per YAML document
 * @param accepted        per target: would Tetragon's file loader accept the whole file (every
 *                        document a TracingPolicy kind, none with an error)
 */
public record FileReport(String path, SourceText source, List<Diagnostic> fileDiagnostics,
                         List<DocumentVerdict> documents, Map<String, Boolean> accepted) {
    public FileReport {
        fileDiagnostics = List.copyOf(fileDiagnostics);
        documents = List.copyOf(documents);
        accepted = Map.copyOf(accepted);
    }

    public Stream<Diagnostic> allDiagnostics() {
        return Stream.concat(fileDiagnostics.stream(), documents.stream().flatMap(d -> d.diagnostics().stream()));
    }
}
