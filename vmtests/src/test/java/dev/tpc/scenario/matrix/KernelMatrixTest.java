package dev.tpc.scenario.matrix;

import dev.tpc.testing.RepoFiles;
import dev.tpc.testing.Skip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.runtime.sys.Privileges;
import dev.tpc.scenario.report.ScenarioReports;
import dev.tpc.scenario.result.Outcome;
import dev.tpc.scenario.result.RunReport;
import dev.tpc.scenario.result.ScenarioResult;
import dev.tpc.scenario.run.ScenarioSources;
import dev.tpc.vm.testing.VmTestSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel matrix for real, on Debian's four kernels under qemu: one scenario that must pass and
 * one that is deliberately wrong, in the same guest. The wrong one fails on every kernel with the
 * expectation and the events that came; a scenario that needs what no Debian kernel has is skipped
 * before booting; a second, offline run needs nothing from the network.
 */
class KernelMatrixTest {
    private static final List<String> KERNELS = List.of("5.10", "6.1", "6.12", "7.2");

    private static Path repo() {
        return RepoFiles.root();
    }

    @Test
    void aBrokenScenarioFailsOnEveryKernelAndAGoodOnePasses(@TempDir Path tmp) throws Exception {
        VmTestSupport.requireQemu();
        if (!Privileges.isRoot()) {
            VmTestSupport.skip(Skip.Kind.ROOT, "not root: the kernel matrix's tests fetch and boot kernels as root");
        }
        // not under /tmp: the guest mounts a tmpfs there and would not see the file
        Path dir = Files.createDirectories(repo().resolve("vmtests/target/matrix-test"));
        Path tps = dir.resolve("matrix.tps");
        Files.writeString(tps, """
                policy "%s/examples/policies/kill-cat-reading-shadow.yaml"
                scenario "cat is killed" {
                  step "cat /etc/shadow" {
                    run "/usr/bin/cat" "/etc/shadow"
                    expect killed SIGKILL
                    expect event process_tracepoint { args[0].string_arg == "/etc/shadow" }
                  }
                }
                scenario "deliberately broken" {
                  step "cat /etc/shadow survives (it does not)" {
                    run "/usr/bin/cat" "/etc/shadow"
                    expect exit 0
                    expect event process_tracepoint { args[0].string_arg == "/etc/passwd" }
                  }
                }
                scenario "needs a helper no Debian kernel has" {
                  requires override_helper
                  step "never runs" { run "/bin/true" expect exit 0 }
                }
                """.formatted(repo()), StandardCharsets.UTF_8);
        ScenarioSources.Loaded loaded = ScenarioSources.load(List.of(tps), repo());
        assertFalse(loaded.hasErrors(), loaded.renderDiagnostics(false));
        boolean offline = !VmTestSupport.hasNetwork();
        List<String> events = new ArrayList<>();
        MatrixRequest request = new MatrixRequest(loaded.files(), KERNELS, List.of(), Optional.empty(), 1, Optional.empty(),
                VmTestSupport.kernelCache(), offline, MatrixRequest.DEFAULT_GUEST_TIMEOUT, Optional.empty(), 2, false,
                Path.of("/var/tmp"), repo(), new MatrixListener() {
                    @Override
                    public void kernelFinished(String kernel, String summary) {
                        events.add(kernel + ": " + summary);
                    }
                });
        MatrixReport report = KernelMatrix.run(request);
        String text = ScenarioReports.render(ScenarioReports.Format.TEXT, report.kernels(), false);
        System.out.println(text);
        assertEquals(KERNELS.size(), report.kernels().size());
        for (RunReport k : report.kernels()) {
            if (k.problems().stream().anyMatch(p -> p.startsWith("cannot get the kernel"))) {
                VmTestSupport.skip("kernel " + k.kernel().name() + " is neither cached nor downloadable: " + k.problems());
            }
            assertEquals(List.of(), k.problems(), k.kernel().name() + ":\n" + text);
            ScenarioResult good = k.scenarios().get(0);
            ScenarioResult broken = k.scenarios().get(1);
            ScenarioResult skipped = k.scenarios().get(2);
            assertEquals(Outcome.PASSED, good.outcome(), k.kernel().name() + ":\n" + text);
            assertEquals(Outcome.FAILED, broken.outcome(), k.kernel().name() + ":\n" + text);
            assertTrue(broken.steps().get(0).expectations().stream().anyMatch(x -> !x.passed()
                    && x.expected().equals("expect exit 0") && x.actual().equals("killed by SIGKILL")), text);
            assertTrue(broken.steps().get(0).events().stream().anyMatch(e -> e.contains("\"string_arg\":\"/etc/shadow\"")),
                    "the events that came are in the result: " + broken.steps().get(0).events());
            assertEquals(Outcome.SKIPPED, skipped.outcome());
            assertTrue(skipped.reason().startsWith("requires override_helper"), skipped.reason());
            assertTrue(k.kernel().release().contains(k.kernel().name()), "the exact kernel is named: " + k.kernel());
        }
        assertTrue(report.failed(), "the broken scenario fails the matrix");
        assertTrue(text.contains("matrix:"), text);
    }
}
