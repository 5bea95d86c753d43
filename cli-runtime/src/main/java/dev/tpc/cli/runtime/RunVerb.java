package dev.tpc.cli.runtime;

import dev.tpc.api.CompileReport;
import dev.tpc.diag.Severity;
import dev.tpc.report.ReportFormat;
import dev.tpc.runtime.TpcRuntime;
import dev.tpc.runtime.host.HostName;
import dev.tpc.runtime.host.HostPlans;
import dev.tpc.runtime.libbpf.BpfException;
import dev.tpc.runtime.libbpf.LibbpfUnavailableException;
import dev.tpc.runtime.plan.LoadPlan;
import dev.tpc.runtime.session.LoadFailure;
import dev.tpc.runtime.session.Templates;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The body of {@code tpc run}: prepare the plans, load them, print events until asked to stop. */
final class RunVerb {
    private static final int VERIFIER_LOG_LINES = 20;
    /** The exit status of a usage mistake, as tpc check gives it. */
    private static final int USAGE = 2;

    enum Format { JSON, COMPACT }

    record Request(List<Path> inputs, String target, Format format, Duration duration, String nodeName) {
    }

    private RunVerb() {
    }

    static int run(Request request, PrintWriter err) {
        Optional<String> why = RuntimeVerbs.whyCannotRun();
        if (why.isPresent()) {
            return fail(err, why.get());
        }
        Path work;
        try {
            work = Files.createTempDirectory("tpc-run-");
        } catch (IOException e) {
            return fail(err, "cannot create a temporary directory: " + e.getMessage());
        }
        // handlers first: a stop request that arrives while loading ends the run as soon as it is attached
        AtomicBoolean stop = new AtomicBoolean();
        try (StopSignals signals = StopSignals.install(() -> stop.set(true))) {
            return prepareAndRun(request, work, stop, err);
        } finally {
            deleteTree(work);
        }
    }

    private static int prepareAndRun(Request request, Path work, AtomicBoolean stop,
            PrintWriter err) {
        HostPlans.Outcome outcome;
        try {
            outcome = HostPlans.prepare(new HostPlans.Request(request.inputs(), Optional.ofNullable(request.target()), work,
                    Path.of("").toAbsolutePath()));
        } catch (LibbpfUnavailableException | IOException e) {
            return fail(err, e.getMessage());
        }
        outcome.compile().ifPresent(c -> findings(c, err));
        if (!outcome.ready()) {
            int status = fail(err, outcome.refusal().orElseThrow());
            return outcome.usageMistake() ? USAGE : status;
        }
        if (stop.get()) {
            return 0; // asked to stop while compiling: nothing was loaded
        }
        LoadPlan plan = Templates.combine(outcome.policies().stream().map(HostPlans.Policy::plan).toList());
        String node = request.nodeName() == null || request.nodeName().isBlank() ? HostName.get() : request.nodeName();
        PrintStream stdout = System.out;
        BatchFlushWriter out = new BatchFlushWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8));
        TpcRuntime.Format format = request.format() == Format.JSON ? TpcRuntime.Format.JSON : TpcRuntime.Format.COMPACT;
        TpcRuntime.Run run;
        try {
            run = TpcRuntime.run(plan, new TpcRuntime.RunOptions(node, format, out, Templates.bundled()));
        } catch (LoadFailure e) {
            return fail(err, loadFailure(e));
        }
        try (run) {
            for (String note : run.notes()) {
                err.println("tpc: " + note);
            }
            for (HostPlans.Policy p : outcome.policies()) {
                err.println("tpc: attached " + p.hooks() + (p.hooks() == 1 ? " hook" : " hooks") + " of policy " + p.name());
            }
            err.flush();
            return loop(run, out, stdout, stop, request.duration(), err);
        }
    }

    /** Polls until a stop signal or the deadline; then reports what was lost. Runs inside the run's try block. */
    private static int loop(TpcRuntime.Run run, BatchFlushWriter out, PrintStream stdout, AtomicBoolean stop,
            Duration duration, PrintWriter err) {
        long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        long[] selfReported = {0};
        boolean[] stdoutClosed = {false};
        try {
            run.run(() -> {
                flush(out);
                // the JVM ignores SIGPIPE and PrintStream swallows EPIPE: without this, `tpc run | head`
                // would go on enforcing, unseen, after head is gone
                if (stdout.checkError()) {
                    stdoutClosed[0] = true;
                    return false;
                }
                long self = run.stats().selfProtected();
                if (self > selfReported[0]) {
                    err.println("tpc: " + (self - selfReported[0]) + " enforcement action(s) aimed at tpc itself (pid "
                            + ProcessHandle.current().pid() + ") were reported, not carried out");
                    err.flush();
                    selfReported[0] = self;
                }
                return !stop.get() && System.nanoTime() - deadline < 0;
            });
            flush(out);
            if (stdoutClosed[0]) {
                err.println("tpc: standard output was closed; stopping");
            }
            long lost = run.lostEvents();
            if (lost > 0) {
                err.println("tpc: " + lost + (lost == 1 ? " event was" : " events were")
                        + " lost because the ring buffer was full");
            }
            err.flush();
            return 0;
        } catch (BpfException e) {
            return fail(err, "reading events failed: " + e.getMessage());
        }
    }

    private static void flush(BatchFlushWriter out) {
        try {
            out.flushNow();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Errors and warnings of the compile (notes are left out: tpc compile shows them). */
    private static void findings(CompileReport report, PrintWriter err) {
        boolean worthShowing = report.check().diagnostics()
                .anyMatch(d -> d.severity() == Severity.ERROR || d.severity() == Severity.WARNING);
        if (worthShowing) {
            err.print(ReportFormat.TEXT.render(report.check(), false));
            err.flush();
        }
    }

    private static String loadFailure(LoadFailure e) {
        return "cannot load the policies: " + e.describe(System.getenv("TPC_DEBUG") != null ? 0 : VERIFIER_LOG_LINES);
    }

    private static int fail(PrintWriter err, String message) {
        err.println("tpc run: " + message);
        err.flush();
        return 1;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a temporary file left behind is harmless
                }
            });
        } catch (IOException e) {
            // the same
        }
    }
}
