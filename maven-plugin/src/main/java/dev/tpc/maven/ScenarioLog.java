package dev.tpc.maven;

import dev.tpc.diag.Diagnostic;
import dev.tpc.diag.Severity;
import dev.tpc.report.DiagnosticText;
import dev.tpc.scenario.ParsedScenarios;
import dev.tpc.scenario.report.ScenarioReports;
import dev.tpc.scenario.result.ExpectationResult;
import dev.tpc.scenario.result.Outcome;
import dev.tpc.scenario.result.RunReport;
import dev.tpc.scenario.result.ScenarioResult;
import dev.tpc.scenario.result.StepResult;
import java.util.List;
import java.util.Locale;

/**
 * Writes scenario results to the build log: a line per scenario as it finishes, the text report
 * (the table and, for each failure, the expectation that failed next to the events that came),
 * one {@code [ERROR]} line per failed scenario (as Surefire lists its failures), and the
 * findings of scenario files. Rendering only: what failed is decided by the results.
 */
final class ScenarioLog {
    private final BuildLog log;

    ScenarioLog(BuildLog log) {
        this.log = log;
    }

    /** {@code passed  src/test/tetragon/a.tps: name (1.6 s)}, or with the reason of a skip. */
    void finished(ScenarioResult s) {
        String line = s.outcome().label() + "  " + s.file() + ": " + s.name()
                + (s.outcome() == Outcome.SKIPPED ? " (" + s.reason() + ")" : " (" + seconds(s) + ")");
        if (s.outcome().isFailure()) {
            log.error(line);
        } else {
            log.info(line);
        }
    }

    /** Each finding of the scenario files with its source line and a caret, at its severity. */
    void diagnostics(List<ParsedScenarios> parsed) {
        for (ParsedScenarios p : parsed) {
            for (Diagnostic d : p.diagnostics()) {
                String text = DiagnosticText.render(d, p.source(), false);
                for (String line : text.split("\n", -1)) {
                    if (line.isEmpty()) {
                        continue;
                    }
                    switch (d.severity()) {
                        case ERROR -> log.error(line);
                        case WARNING -> log.warn(line);
                        case NOTE -> log.info(line);
                    }
                }
            }
        }
    }

    /** The text report, then one {@code [ERROR]} line per failed scenario. */
    void report(List<RunReport> runs) {
        for (String line : ScenarioReports.render(ScenarioReports.Format.TEXT, runs, false).stripTrailing().split("\n", -1)) {
            log.info(line);
        }
        List<ScenarioResult> failed = failed(runs);
        if (!failed.isEmpty()) {
            log.error("Failed scenarios:");
            for (ScenarioResult s : failed) {
                log.error("  " + s.file() + ": " + s.name() + ": " + firstFailure(s));
            }
        }
    }

    static List<ScenarioResult> failed(List<RunReport> runs) {
        return runs.stream().flatMap(r -> r.scenarios().stream()).filter(s -> s.outcome().isFailure()).toList();
    }

    /**
     * What went wrong first, in one line: why the run of it broke, a step that could not be judged,
     * or the first expectation that did not hold with what was seen instead.
     */
    static String firstFailure(ScenarioResult s) {
        if (!s.reason().isBlank()) {
            return firstLine(s.reason());
        }
        for (StepResult st : s.steps()) {
            if (!st.problem().isBlank()) {
                return "step \"" + st.name() + "\": " + firstLine(st.problem());
            }
            for (ExpectationResult x : st.expectations()) {
                if (!x.passed()) {
                    return "step \"" + st.name() + "\": " + x.expected() + (x.line() > 0 ? " (line " + x.line() + ")" : "")
                            + ": " + firstLine(x.actual());
                }
            }
        }
        return s.outcome().label();
    }

    private static String firstLine(String text) {
        return text.strip().lines().findFirst().orElse("");
    }

    private static String seconds(ScenarioResult s) {
        return String.format(Locale.ROOT, "%.1f s", s.time().toMillis() / 1000.0);
    }

    /** The files (as reports name them) that have an error: nothing is run then. */
    static List<String> filesWithErrors(List<ParsedScenarios> parsed) {
        return parsed.stream().filter(ParsedScenarios::hasErrors)
                .map(p -> p.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR).findFirst().orElseThrow())
                .map(d -> d.span().file()).distinct().toList();
    }
}
