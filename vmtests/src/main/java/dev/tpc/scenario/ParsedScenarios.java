package dev.tpc.scenario;

import dev.tpc.diag.Diagnostic;
import dev.tpc.diag.Severity;
import dev.tpc.report.DiagnosticText;
import dev.tpc.scenario.model.ScenarioFile;
import dev.tpc.yaml.SourceText;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of parsing one scenario file.
 *
 * @param file        the scenarios, present when no finding is an error
 * @param diagnostics every finding, in the order of the file
 * @param source      the file's lines, to render findings with their source
 */
public record ParsedScenarios(Optional<ScenarioFile> file, List<Diagnostic> diagnostics, SourceText source) {
    public ParsedScenarios {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    }

    /** The findings as the text report shows them: each with its source line and a caret. */
    public String renderText(boolean color) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            out.append(DiagnosticText.render(d, source, color));
        }
        return out.toString();
    }
}
