package dev.tpc.scenario.run;

import dev.tpc.runtime.TpcRuntime;
import dev.tpc.runtime.libbpf.LibbpfUnavailableException;
import dev.tpc.runtime.libbpf.Native;
import dev.tpc.runtime.probe.ProbeReport;
import dev.tpc.runtime.probe.ProfileWriter;
import dev.tpc.runtime.session.LoadFailure;
import dev.tpc.runtime.sys.Privileges;
import dev.tpc.runtime.session.SessionOptions;
import dev.tpc.runtime.session.Templates;
import dev.tpc.runtime.session.TracingSession;
import dev.tpc.scenario.model.Scenario;
import dev.tpc.scenario.model.ScenarioFile;
import dev.tpc.scenario.result.Outcome;
import dev.tpc.scenario.result.RunReport;
import dev.tpc.scenario.result.ScenarioResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The scenario runner: runs scenarios one after another on the running kernel and returns typed
 * results. The kernel is probed once and the exec tracker loaded once for the whole run; each
 * scenario then compiles (or takes precompiled) bundles, is skipped with the reason when the
 * kernel lacks what they need, and loads, runs and unloads its policies on its own. What
 * {@code tpc test}, the Maven goal {@code tpc:test} and the kernel matrix's guest agent call.
 */
public final class ScenarioRunner {
    private ScenarioRunner() {
    }

    /**
     * @throws RunnerUnavailableException when this process cannot load BPF programs at all (not
     *                                    root, no libbpf, not Linux): nothing was run
     */
    public static RunReport run(RunRequest request) throws RunnerUnavailableException {
        Optional<String> why = whyCannotRun();
        if (why.isPresent()) {
            throw new RunnerUnavailableException(why.get());
        }
        ProbeReport probe;
        try {
            probe = TpcRuntime.probe();
        } catch (LibbpfUnavailableException | RuntimeException e) {
            throw new RunnerUnavailableException("cannot probe the running kernel: " + e.getMessage());
        }
        return run(request, probe);
    }

    /** {@link #run(RunRequest)} with the kernel already probed (the matrix's guest agent probes it first to check it). */
    public static RunReport run(RunRequest request, ProbeReport probe) throws RunnerUnavailableException {
        long started = System.nanoTime();
        Path work;
        try {
            Files.createDirectories(request.scratchRoot());
            work = Files.createTempDirectory(request.scratchRoot(), "tpc-test-");
        } catch (IOException e) {
            throw new RunnerUnavailableException("cannot create a directory under " + request.scratchRoot() + ": "
                    + e.getMessage());
        }
        try (TracingSession session = TracingSession.open(SessionOptions.of(Templates.bundled()))) {
            Path profile = work.resolve("running-kernel.yaml");
            Files.writeString(profile, ProfileWriter.write(probe, request.kernelName()), StandardCharsets.UTF_8);
            List<ScenarioResult> results = runAll(new ScenarioExecutor(session, probe, profile, request), request);
            return new RunReport(new RunReport.KernelRef(request.kernelName(), probe.release()), "host", results,
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (LoadFailure e) {
            throw new RunnerUnavailableException("cannot load tpc's exec tracker: " + e.describe(20));
        } catch (IOException e) {
            throw new RunnerUnavailableException("cannot write the probed profile: " + e.getMessage());
        } finally {
            Scratch.deleteTree(work);
        }
    }

    /**
     * Why scenarios cannot run in this process (not Linux, not privileged, no libbpf, no cgroup v2),
     * in one sentence with the fix; empty when they can. Front ends ask before parsing a large run.
     */
    public static Optional<String> whyCannotRun() {
        String os = System.getProperty("os.name", "");
        if (!os.toLowerCase(Locale.ROOT).contains("linux")) {
            return Optional.of("running scenarios loads BPF programs, which needs Linux; this is " + os
                    + " (tpc vmtest --container runs them in a container)");
        }
        if (!Privileges.mayLoadBpf()) {
            return Optional.of("running scenarios loads BPF programs, which needs root (or CAP_BPF and CAP_PERFMON)");
        }
        try {
            Native.get();
        } catch (LibbpfUnavailableException e) {
            return Optional.of(e.getMessage());
        }
        if (ScopeCgroup.mountPoint().isEmpty()) {
            return Optional.of("no cgroup v2 hierarchy is mounted, and every scenario runs in a cgroup of its own"
                    + " (mount -t cgroup2 none /sys/fs/cgroup/unified)");
        }
        return Optional.empty();
    }

    private static List<ScenarioResult> runAll(ScenarioExecutor executor, RunRequest request) {
        PathMatcher filter = request.filter().map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).orElse(null);
        List<ScenarioResult> results = new ArrayList<>();
        boolean failed = false;
        for (ScenarioFile file : request.files()) {
            for (Scenario s : file.scenarios()) {
                if (filter != null && !filter.matches(Path.of(s.name().replace('/', '_')))) {
                    continue;
                }
                ScenarioResult r;
                if (failed && !request.keepGoing()) {
                    r = ScenarioResult.skipped(file.shownAs(), s.name(), "not run: an earlier scenario failed, and this"
                            + " run stops at the first failure (keep going to run every scenario)");
                } else {
                    request.listener().scenarioStarted(file, s);
                    r = executor.run(file, s);
                }
                failed |= r.outcome() == Outcome.FAILED || r.outcome() == Outcome.ERROR;
                results.add(r);
                request.listener().scenarioFinished(r);
            }
        }
        return results;
    }
}
