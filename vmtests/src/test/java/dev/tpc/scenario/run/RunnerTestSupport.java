package dev.tpc.scenario.run;

import dev.tpc.testing.RepoFiles;
import dev.tpc.testing.Skip;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tpc.runtime.libbpf.LibbpfUnavailableException;
import dev.tpc.runtime.libbpf.Native;
import dev.tpc.runtime.sys.Privileges;
import dev.tpc.scenario.result.RunReport;
import dev.tpc.scenario.result.ScenarioResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Scenario files written by a test and run for real on this kernel; a missing precondition skips with the reason. */
final class RunnerTestSupport {
    private RunnerTestSupport() {
    }

    static Path repo() {
        return RepoFiles.root();
    }

    static void requireBpf() {
        try {
            Native.get();
        } catch (LibbpfUnavailableException e) {
            Skip.because(Skip.Kind.BPF, "libbpf unavailable: " + e.getMessage());
        }
        if (!Privileges.mayLoadBpf()) {
            Skip.because(Skip.Kind.ROOT, "not root: running scenarios loads BPF programs, which needs root (or CAP_BPF+CAP_PERFMON)");
        }
        if (ScopeCgroup.mountPoint().isEmpty()) {
            Skip.because(Skip.Kind.BPF, "no cgroup v2 hierarchy mounted: scenarios are scoped to a cgroup of their own");
        }
    }

    /** A fact of this kernel the test cannot show its point on (never required in CI). */
    static void skipHere(String why) {
        Skip.because(Skip.Kind.ENVIRONMENT, why);
    }

    /** Writes {@code text} as {@code dir/name}, with {@code @POLICIES@} replaced by examples/policies. */
    static Path scenario(Path dir, String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text.replace("@POLICIES@", repo().resolve("examples/policies").toString()),
                StandardCharsets.UTF_8);
        return f;
    }

    static RunReport run(Path dir, Path... files) throws Exception {
        ScenarioSources.Loaded loaded = ScenarioSources.load(List.of(files), dir);
        assertFalse(loaded.hasErrors(), loaded.renderDiagnostics(false));
        RunRequest base = RunRequest.host(loaded.files(), dir);
        RunRequest request = new RunRequest(base.files(), base.filter(), true, base.kernelName(), base.bundles(),
                dir.resolve("scratch"), dir, base.stepTimeout(), base.exitBarrier(), base.timeScale(), base.nodeName(), null);
        return ScenarioRunner.run(request);
    }

    static ScenarioResult only(RunReport report) {
        if (report.scenarios().size() != 1) {
            throw new AssertionError("expected one scenario, got " + report.scenarios());
        }
        return report.scenarios().get(0);
    }
}
