package dev.tpc.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.scenario.result.ExpectationResult;
import dev.tpc.scenario.result.Outcome;
import dev.tpc.scenario.result.RunReport;
import dev.tpc.scenario.result.ScenarioResult;
import dev.tpc.scenario.result.SelectorCoverage;
import dev.tpc.scenario.result.StepResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a run's typed results become build-log lines: the golden file is what a user sees in
 * {@code mvn verify} for a run with a failed, an errored, a skipped and a passed scenario.
 * Rewrite it with {@code -Dtpc.updateGoldens=true} and review the diff.
 */
class ScenarioLogTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/scenario-log.txt");

    static RunReport run() {
        String file = "src/test/tetragon/opens.tps";
        StepResult killed = new StepResult("cat opens /etc/shadow", Outcome.PASSED, "killed by SIGKILL", 101,
                List.of(new ExpectationResult("expect killed SIGKILL", true, "", 7)),
                List.of("{\"process_tracepoint\":{\"event\":\"sys_enter_openat\"}}"), "", "", Duration.ofMillis(250));
        StepResult quiet = new StepResult("cat reads /etc/hostname", Outcome.FAILED, "exited with status 0", 102,
                List.of(new ExpectationResult("expect exit 0", true, "", 12),
                        new ExpectationResult("expect event process_tracepoint { args[0].string_arg == \"/etc/hostname\" }", false,
                                "no process_tracepoint event of the step's processes arrived", 13)),
                List.of("{\"process_exec\":{\"process\":{\"binary\":\"/usr/bin/cat\"}}}",
                        "{\"process_exit\":{\"process\":{\"binary\":\"/usr/bin/cat\"}}}"),
                "stdout: vm", "", Duration.ofMillis(600));
        SelectorCoverage coverage = new SelectorCoverage("shadow", "syscalls/sys_enter_openat", List.of(1L, 0L), 5);
        List<ScenarioResult> results = List.of(
                new ScenarioResult(file, "shadow is killed", Outcome.PASSED, "", List.of(killed), List.of(coverage), List.of(),
                        Duration.ofMillis(900)),
                new ScenarioResult(file, "hostname is reported", Outcome.FAILED, "", List.of(quiet), List.of(coverage), List.of(),
                        Duration.ofMillis(1200)),
                new ScenarioResult(file, "the policy loads", Outcome.ERROR, "the policy does not load: EPERM\n(more detail)",
                        List.of(), List.of(), List.of(), Duration.ofMillis(100)),
                ScenarioResult.skipped("src/test/tetragon/kprobes.tps", "write is reported",
                        "kprobes: the kernel has no kprobe PMU"));
        return new RunReport(new RunReport.KernelRef("host", "6.1.0-test"), "host", results, Duration.ofMillis(2500));
    }

    @Test
    void theLogOfARunMatchesTheGoldenFile() throws Exception {
        FindingLinesTest.RecordingLog log = new FindingLinesTest.RecordingLog();
        ScenarioLog out = new ScenarioLog(log);
        for (ScenarioResult s : run().scenarios()) {
            out.finished(s);
        }
        out.report(List.of(run()));
        String actual = String.join("\n", log.lines) + "\n";
        if (Boolean.getBoolean("tpc.updateGoldens")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(GOLDEN), "missing golden " + GOLDEN + " (run with -Dtpc.updateGoldens=true to write it)");
        assertEquals(Files.readString(GOLDEN, StandardCharsets.UTF_8), actual);
    }

    @Test
    void theFirstFailureIsTheReasonTheProblemOrTheFirstExpectationThatDidNotHold() {
        List<ScenarioResult> s = run().scenarios();
        assertEquals("step \"cat reads /etc/hostname\": expect event process_tracepoint { args[0].string_arg == \"/etc/hostname\" }"
                + " (line 13): no process_tracepoint event of the step's processes arrived", ScenarioLog.firstFailure(s.get(1)));
        assertEquals("the policy does not load: EPERM", ScenarioLog.firstFailure(s.get(2)));
        StepResult broken = new StepResult("run", Outcome.ERROR, "", 0, List.of(), List.of(), "", "cannot start /nope: ENOENT\nmore",
                Duration.ZERO);
        ScenarioResult r = new ScenarioResult("f.tps", "x", Outcome.ERROR, "", List.of(broken), List.of(), List.of(), Duration.ZERO);
        assertEquals("step \"run\": cannot start /nope: ENOENT", ScenarioLog.firstFailure(r));
        assertEquals(List.of(s.get(1), s.get(2)), ScenarioLog.failed(List.of(run())));
    }
}
