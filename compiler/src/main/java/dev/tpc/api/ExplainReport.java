package dev.tpc.api;

import dev.tpc.diag.Diagnostic;
import dev.tpc.diag.Severity;
import dev.tpc.explain.Explanation;
import java.util.List;
import java.util.Optional;

/**
 * The result of {@code tpc explain}.
 *
 * @param file         the file as shown to the user
 * @param check        for a policy file: the check and compile findings
 * @param diagnostics  for a bundle file: why it was refused (TP9xxx)
 * @param explanations one per bundle (a policy file yields one per document that compiled)
 */
public record ExplainReport(String file, Optional<CheckReport> check, List<Diagnostic> diagnostics,
                            List<Explanation> explanations) {
    public ExplainReport {
        diagnostics = List.copyOf(diagnostics);
        explanations = List.copyOf(explanations);
    }

    /** Whether the file could not be explained (refused, or a policy with errors). */
    public boolean failed() {
        return explanations.isEmpty() || diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR)
                || check.map(CheckReport::hasErrors).orElse(false);
    }
}
