package dev.tpc.scenario.run;

import static dev.tpc.scenario.run.RunnerTestSupport.only;
import static dev.tpc.scenario.run.RunnerTestSupport.requireBpf;
import static dev.tpc.scenario.run.RunnerTestSupport.run;
import static dev.tpc.scenario.run.RunnerTestSupport.scenario;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.scenario.report.ScenarioReports;
import dev.tpc.scenario.result.Outcome;
import dev.tpc.scenario.result.RunReport;
import dev.tpc.scenario.result.ScenarioResult;
import dev.tpc.scenario.result.SelectorCoverage;
import dev.tpc.scenario.result.StepResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner on this kernel, for real: a policy loaded, a step killed, a near miss spared,
 * a wrong expectation reported with the events that came, an uncovered selector, a kernel
 * that lacks kprobes skipping the scenario, and enforcement that never leaves the scenario.
 */
class ScenarioRunnerTest {
    private static final String KILL_CAT = """
            policy "@POLICIES@/kill-cat-reading-shadow.yaml"
            scenario "cat is killed, cat of another file spared" {
              step "cat /etc/shadow" {
                run "/usr/bin/cat" "/etc/shadow"
                expect killed SIGKILL
                expect event process_tracepoint count 1 {
                  args[0].string_arg == "/etc/shadow"
                  action == "KPROBE_ACTION_SIGKILL"
                  process.binary == "/usr/bin/cat"
                }
              }
              step "cat /etc/hostname" {
                run "/usr/bin/cat" "/etc/hostname"
                expect exit 0
                expect no event process_tracepoint
              }
            }
            """;

    @Test
    void aKillAndANearMissPassAndTheSecondSelectorIsUncovered(@TempDir Path dir) throws Exception {
        requireBpf();
        RunReport report = run(dir, scenario(dir, "kill.tps", KILL_CAT));
        ScenarioResult r = only(report);
        assertEquals(Outcome.PASSED, r.outcome(), ScenarioReports.render(ScenarioReports.Format.TEXT, List.of(report), true));
        assertEquals(List.of(), r.leftovers());
        StepResult killed = r.steps().get(0);
        assertEquals("killed by SIGKILL", killed.fate());
        assertTrue(killed.events().stream().anyMatch(e -> e.contains("\"process_exit\"") && e.contains("SIGKILL")),
                killed.events().toString());
        // selector 0 (cat) won once; selector 1 (any other binary) never: reported uncovered
        SelectorCoverage c = r.coverage().get(0);
        assertEquals(List.of(1L, 0L), c.selectors(), c.toString());
        String text = ScenarioReports.render(ScenarioReports.Format.TEXT, List.of(report), false);
        assertTrue(text.contains("selectors[1] never matched"), text);
        assertTrue(text.contains("selector coverage: 1/2"), text);
        assertTrue(ScenarioReports.render(ScenarioReports.Format.JUNIT, List.of(report), false)
                .contains("selector.hits kill-cat-reading-shadow"), "coverage in the JUnit properties");
        assertTrue(ScenarioReports.render(ScenarioReports.Format.JSON, List.of(report), false)
                .contains("\"selectors\" : [ 1, 0 ]"), "coverage in the JSON report");
    }

    @Test
    void aWrongExpectationFailsWithTheEventsThatCame(@TempDir Path dir) throws Exception {
        requireBpf();
        RunReport report = run(dir, scenario(dir, "wrong.tps", """
                policy "@POLICIES@/kill-cat-reading-shadow.yaml"
                scenario "deliberately wrong" {
                  step "cat /etc/shadow" {
                    run "/usr/bin/cat" "/etc/shadow"
                    expect exit 0
                    expect event process_tracepoint { args[0].string_arg == "/etc/passwd" }
                  }
                }
                """));
        ScenarioResult r = only(report);
        assertEquals(Outcome.FAILED, r.outcome());
        assertTrue(report.failed());
        String text = ScenarioReports.render(ScenarioReports.Format.TEXT, List.of(report), false);
        assertTrue(text.contains("FAIL expect exit 0  (line 5)"), text);
        assertTrue(text.contains("killed by SIGKILL"), text);
        assertTrue(text.contains("the closest fails args[0].string_arg == \"/etc/passwd\" (it is \"/etc/shadow\")"), text);
        assertTrue(text.contains("\"string_arg\":\"/etc/shadow\""), "the event that came is shown:\n" + text);
        String junit = ScenarioReports.render(ScenarioReports.Format.JUNIT, List.of(report), false);
        assertTrue(junit.contains("<failure message=\"step &quot;cat /etc/shadow&quot;: expect exit 0: killed by SIGKILL\""),
                junit);
    }

    @Test
    void enforcementStaysInsideTheScenario(@TempDir Path dir) throws Exception {
        requireBpf();
        Path tps = scenario(dir, "kill.tps", KILL_CAT);
        // a cat outside the scenario reads /etc/shadow over and over while the policy is loaded
        Process outside = new ProcessBuilder("/bin/sh", "-c",
                "i=0; while [ $i -lt 400 ]; do /usr/bin/cat /etc/shadow >/dev/null || exit 9; i=$((i+1)); done")
                .redirectErrorStream(true).start();
        try {
            RunReport report = run(dir, tps);
            assertEquals(Outcome.PASSED, only(report).outcome());
            assertTrue(outside.waitFor(60, TimeUnit.SECONDS), "the outside loop did not end");
            assertEquals(0, outside.exitValue(), "a cat outside the scenario was killed");
        } finally {
            outside.destroyForcibly();
        }
    }

    @Test
    void aKernelWithoutWhatThePolicyNeedsSkipsWithTheReason(@TempDir Path dir) throws Exception {
        requireBpf();
        RunReport report = run(dir, scenario(dir, "kprobe.tps", """
                policy "@POLICIES@/write-to-stdout.yaml"
                scenario "writes are reported" {
                  step "write" {
                    call write(1, "hi\\n", 3) expect returns 3
                    expect event process_kprobe
                  }
                }
                """));
        ScenarioResult r = only(report);
        if (r.outcome() != Outcome.SKIPPED) {
            RunnerTestSupport.skipHere("this kernel has kprobes (" + r.outcome() + "): the skip cannot be shown here");
        }
        assertTrue(r.reason().startsWith("kprobes: "), r.reason());
        assertTrue(r.steps().isEmpty());
        assertTrue(Files.isDirectory(dir), "the run left the test directory alone");
    }

    @Test
    void aRequirementTheKernelLacksSkips(@TempDir Path dir) throws Exception {
        requireBpf();
        RunReport report = run(dir, scenario(dir, "req.tps", """
                policy "@POLICIES@/kill-cat-reading-shadow.yaml"
                scenario "needs a future kernel" {
                  requires kernel >= 99.0
                  step "never runs" { run "/bin/true" expect exit 0 }
                }
                """));
        ScenarioResult r = only(report);
        assertEquals(Outcome.SKIPPED, r.outcome());
        assertTrue(r.reason().startsWith("requires kernel >= 99.0.0, this is "), r.reason());
    }
}
