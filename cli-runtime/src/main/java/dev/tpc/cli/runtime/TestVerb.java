package dev.tpc.cli.runtime;

import dev.tpc.scenario.report.ScenarioReports;
import dev.tpc.scenario.result.Outcome;
import dev.tpc.scenario.result.RunReport;
import dev.tpc.scenario.result.ScenarioResult;
import dev.tpc.scenario.run.RunListener;
import dev.tpc.scenario.run.RunRequest;
import dev.tpc.scenario.run.RunnerUnavailableException;
import dev.tpc.scenario.run.ScenarioRunner;
import dev.tpc.scenario.run.ScenarioSources;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The body of {@code tpc test}: parse the scenarios, run them on this kernel, render the report. */
final class TestVerb {
    private static final int USAGE = 2;

    enum Format { TEXT, JSON, JUNIT }

    record Request(List<Path> inputs, Format format, Path output, String filter, boolean keepGoing, boolean verbose,
                   Double minCoverage, Duration stepTimeout) {
    }

    private TestVerb() {
    }

    static int run(Request r, PrintWriter out, PrintWriter err) {
        Path cwd = Path.of("").toAbsolutePath();
        ScenarioSources.Loaded loaded = ScenarioSources.load(r.inputs(), cwd);
        if (loaded.usageError().isPresent()) {
            return fail(err, loaded.usageError().get(), USAGE);
        }
        err.print(loaded.renderDiagnostics(false));
        err.flush();
        if (loaded.hasErrors()) {
            return fail(err, "the scenario files have errors (see above); nothing was run", 1);
        }
        Optional<String> why = RuntimeVerbs.whyCannotRun();
        if (why.isPresent()) {
            return fail(err, why.get(), 1);
        }
        RunRequest request = RunRequest.host(loaded.files(), cwd).withFilter(Optional.ofNullable(r.filter()))
                .withKeepGoing(r.keepGoing()).withListener(progress(err));
        if (r.stepTimeout() != null) {
            request = request.withStepTimeout(r.stepTimeout());
        }
        RunReport report;
        try {
            report = ScenarioRunner.run(request);
        } catch (RunnerUnavailableException e) {
            return fail(err, e.getMessage(), 1);
        }
        ScenarioReports.Format fmt = ScenarioReports.Format.valueOf(r.format().name());
        String rendered = ScenarioReports.render(fmt, List.of(report), r.verbose());
        if (r.output() != null) {
            try {
                Files.writeString(r.output(), rendered, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return fail(err, "cannot write " + r.output() + ": " + e.getMessage(), USAGE);
            }
            if (fmt != ScenarioReports.Format.TEXT) {
                err.println(summaryLine(report));
            }
        } else {
            out.print(rendered);
            out.flush();
        }
        int status = report.failed() ? 1 : 0;
        if (r.minCoverage() != null) {
            double got = report.selectorCoverage().orElse(0);
            if (got + 1e-9 < r.minCoverage()) {
                err.println("tpc test: selector coverage " + String.format(Locale.ROOT, "%.1f", got) + " % is below "
                        + "--min-selector-coverage " + r.minCoverage() + " %");
                status = 1;
            }
        }
        err.flush();
        return status;
    }

    /** One line per finished scenario on standard error, so that a long run shows where it is. */
    private static RunListener progress(PrintWriter err) {
        return new RunListener() {
            @Override
            public void scenarioFinished(ScenarioResult result) {
                err.println("tpc test: " + result.outcome().label() + "  " + result.file() + ": " + result.name()
                        + (result.outcome() == Outcome.SKIPPED ? "  (" + result.reason() + ")" : ""));
                err.flush();
            }
        };
    }

    private static String summaryLine(RunReport report) {
        return "tpc test: " + report.count(Outcome.PASSED) + " passed, " + report.count(Outcome.FAILED) + " failed, "
                + report.count(Outcome.SKIPPED) + " skipped, " + report.count(Outcome.ERROR) + " errors";
    }

    private static int fail(PrintWriter err, String message, int status) {
        err.println("tpc test: " + message);
        err.flush();
        return status;
    }
}
