package dev.tpc.cli.runtime;

import dev.tpc.scenario.matrix.KernelMatrix;
import dev.tpc.scenario.matrix.MatrixListener;
import dev.tpc.scenario.matrix.MatrixReport;
import dev.tpc.scenario.matrix.MatrixRequest;
import dev.tpc.scenario.report.ScenarioReports;
import dev.tpc.scenario.result.Outcome;
import dev.tpc.scenario.result.ScenarioResult;
import dev.tpc.scenario.run.ScenarioSources;
import dev.tpc.vm.kernel.KernelStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine;

/** The body of {@code tpc vmtest}: map the options onto one matrix request, run it, render the reports. */
final class VmtestVerb {
    private static final int USAGE = 2;

    private VmtestVerb() {
    }

    static int run(VmtestCommand c, CommandLine cli) {
        PrintWriter out = cli.getOut();
        PrintWriter err = cli.getErr();
        ScenarioReports.Format fmt = switch (c.format) {
            case "text" -> ScenarioReports.Format.TEXT;
            case "json" -> ScenarioReports.Format.JSON;
            case "junit" -> ScenarioReports.Format.JUNIT;
            default -> throw new CommandLine.ParameterException(cli, "unknown --format '" + c.format + "'; use text, json or junit");
        };
        Optional<MatrixRequest.Shard> shard = Optional.empty();
        if (c.shard != null) {
            shard = Optional.of(MatrixRequest.Shard.parse(c.shard).orElseThrow(() -> new CommandLine.ParameterException(cli,
                    "cannot read --shard '" + c.shard + "'; use I/N with 1 <= I <= N, e.g. 2/4")));
        }
        Duration timeout = MatrixRequest.DEFAULT_GUEST_TIMEOUT;
        if (c.guestTimeout != null) {
            timeout = Durations.parse(c.guestTimeout).orElseThrow(() -> new CommandLine.ParameterException(cli,
                    "cannot read --guest-timeout '" + c.guestTimeout + "'; use e.g. 15m or 600s"));
        }
        if (c.timeScale != null && c.timeScale < 1) {
            throw new CommandLine.ParameterException(cli, "--time-scale takes 1 or more, not " + c.timeScale);
        }
        if (c.jobs != null && c.jobs < 1) {
            throw new CommandLine.ParameterException(cli, "--jobs takes 1 or more, not " + c.jobs);
        }
        List<MatrixRequest.UserKernel> users = new ArrayList<>();
        for (String k : c.userKernels) {
            users.add(userKernel(k, cli));
        }
        Path cwd = Path.of("").toAbsolutePath();
        ScenarioSources.Loaded loaded = ScenarioSources.load(c.inputs, cwd);
        if (loaded.usageError().isPresent()) {
            err.println("tpc vmtest: " + loaded.usageError().get());
            err.flush();
            return USAGE;
        }
        err.print(loaded.renderDiagnostics(false));
        if (loaded.hasErrors()) {
            err.println("tpc vmtest: the scenario files have errors (see above); nothing was run");
            err.flush();
            return 1;
        }
        List<String> kernels = c.kernels == null ? (users.isEmpty() ? KernelMatrix.defaultKernels() : List.of()) : c.kernels;
        int jobs = c.jobs != null ? c.jobs : Runtime.getRuntime().availableProcessors() <= 2 ? 1 : 2;
        Path cache = c.kernelCache != null ? c.kernelCache.toAbsolutePath() : KernelStore.defaultCache(System.getenv());
        MatrixRequest request = new MatrixRequest(loaded.files(), kernels, users, Optional.ofNullable(c.filter), jobs, shard,
                cache, c.offline, timeout, Optional.ofNullable(c.timeScale), jobs > 1 ? 1 : 2, c.keepConsole,
                Path.of("/var/tmp"), cwd, new Progress(err, System.console() != null));
        MatrixReport report;
        try {
            report = KernelMatrix.run(request);
        } catch (IllegalArgumentException e) {
            err.println("tpc vmtest: " + e.getMessage());
            err.flush();
            return USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("tpc vmtest: interrupted; every guest was stopped");
            err.flush();
            return 1;
        }
        String rendered = ScenarioReports.render(fmt, report.kernels(), c.verbose);
        if (c.output != null) {
            try {
                Files.writeString(c.output, rendered, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("tpc vmtest: cannot write " + c.output + ": " + e.getMessage());
                err.flush();
                return USAGE;
            }
        } else {
            out.print(rendered);
            out.flush();
        }
        err.println("tpc vmtest: " + (report.failed() ? "FAILED" : "passed") + " in "
                + String.format(Locale.ROOT, "%.0f s", report.time().toMillis() / 1000.0));
        err.flush();
        return report.failed() ? 1 : 0;
    }

    /** {@code NAME=PROFILE:DEB[:DEB...]} */
    private static MatrixRequest.UserKernel userKernel(String spec, CommandLine cli) {
        int eq = spec.indexOf('=');
        String[] rest = eq < 0 ? new String[0] : spec.substring(eq + 1).split(":");
        if (eq <= 0 || rest.length < 2) {
            throw new CommandLine.ParameterException(cli, "cannot read --kernel '" + spec
                    + "'; use NAME=PROFILE:DEB[:DEB...], e.g. mine=6.1:linux-image-6.1.0-99-amd64_6.1.199-1_amd64.deb");
        }
        List<Path> debs = new ArrayList<>();
        for (int i = 1; i < rest.length; i++) {
            Path p = Path.of(rest[i]).toAbsolutePath();
            if (!Files.isRegularFile(p)) {
                throw new CommandLine.ParameterException(cli, "--kernel " + spec.substring(0, eq) + ": no such file: " + rest[i]);
            }
            debs.add(p);
        }
        return new MatrixRequest.UserKernel(spec.substring(0, eq), debs, rest[0]);
    }

    /** Progress on standard error: one line per event when not a terminal; on a terminal the same, kept short. */
    private static final class Progress implements MatrixListener {
        private final PrintWriter err;
        private final boolean terminal;
        private final long started = System.nanoTime();

        Progress(PrintWriter err, boolean terminal) {
            this.err = err;
            this.terminal = terminal;
        }

        private synchronized void line(String kernel, String text) {
            long s = (System.nanoTime() - started) / 1_000_000_000L;
            String l = String.format(Locale.ROOT, "[%3d:%02d] %-6s %s", s / 60, s % 60, kernel, text);
            err.println(terminal && l.length() > 160 ? l.substring(0, 157) + "..." : l);
            err.flush();
        }

        @Override
        public void kernelStatus(String kernel, String what) {
            line(kernel, what);
        }

        @Override
        public void scenarioFinished(String kernel, ScenarioResult r) {
            line(kernel, r.outcome().label() + "  " + r.file() + ": " + r.name()
                    + (r.outcome() == Outcome.SKIPPED ? "  (" + r.reason() + ")" : ""));
        }

        @Override
        public void kernelFinished(String kernel, String summary) {
            line(kernel, "done: " + summary.lines().findFirst().orElse(""));
        }
    }
}
