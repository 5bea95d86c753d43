package dev.tpc.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tpc.runtime.TpcRuntime;
import dev.tpc.runtime.host.HostPlans;
import dev.tpc.runtime.plan.LoadPlan;
import dev.tpc.runtime.session.Templates;
import dev.tpc.runtime.testing.BpfTestSupport;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many {@code tpc run}s (and probes) in one JVM (as a long-lived embedding or the Maven plugin would do) leave
 * no file descriptor behind: every program, map, inner map, link, ring buffer and epoll instance
 * of a run goes with its close. The plan has everything a run can create: the exec tracker, a
 * tracepoint hook with inner string maps, and a uprobe with its return program.
 */
class RepeatedRunsTest {
    /** About a second each (mostly the verifier); -Dtpc.test.repeatedRuns=50 for the long version. */
    private static final int RUNS = Integer.getInteger("tpc.test.repeatedRuns", 10);

    @Test
    void repeatedLoadAndCloseLeavesNoFd(@TempDir Path dir) throws Exception {
        BpfTestSupport.requireBpf();
        Tester tester = Tester.copyTo(dir, "tester-repeated");
        Path tracepoint = dir.resolve("repeated-tracepoint.yaml");
        Files.writeString(tracepoint, """
                apiVersion: cilium.io/v1alpha1
                kind: TracingPolicy
                metadata:
                  name: e2e-repeated-tracepoint
                spec:
                  tracepoints:
                  - subsystem: "syscalls"
                    event: "sys_enter_openat"
                    args:
                    - index: 6
                      type: "string"
                    selectors:
                    - matchBinaries:
                      - operator: "In"
                        values: ["%s"]
                      matchArgs:
                      - index: 6
                        operator: "Equal"
                        values: ["/tpc/repeated/a", "/tpc/repeated/bb"]
                """.formatted(tester.path()), StandardCharsets.UTF_8);
        Path uprobe = dir.resolve("repeated-uprobe.yaml");
        Files.writeString(uprobe, """
                apiVersion: cilium.io/v1alpha1
                kind: TracingPolicy
                metadata:
                  name: e2e-repeated-uprobe
                spec:
                  uprobes:
                  - path: "%s"
                    symbols: ["tpc_probe_target"]
                    return: true
                    returnArg:
                      index: 0
                      type: "int"
                    args:
                    - index: 0
                      type: "int"
                """.formatted(tester.path()), StandardCharsets.UTF_8);
        Path work = Files.createDirectories(dir.resolve("work"));
        HostPlans.Outcome outcome = HostPlans.prepare(new HostPlans.Request(List.of(tracepoint, uprobe), Optional.empty(), work, dir));
        if (!outcome.ready()) {
            fail("the test policy does not load: " + outcome.refusal().orElseThrow() + "\n"
                    + outcome.compile().map(c -> dev.tpc.report.ReportFormat.TEXT.render(c.check(), false)).orElse(""));
        }
        LoadPlan plan = Templates.combine(outcome.policies().stream().map(HostPlans.Policy::plan).toList());

        runOnce(plan); // the first run loads classes and libraries, which keep their own fds
        Map<Integer, String> before = openFds();
        for (int i = 0; i < RUNS; i++) {
            runOnce(plan);
        }
        Map<Integer, String> after = openFds();
        Map<Integer, String> added = new TreeMap<>(after);
        added.keySet().removeAll(before.keySet());
        assertEquals(Map.of(), added, "file descriptors opened by " + RUNS + " runs and still open");
        assertEquals(before.size(), after.size(), "file descriptors before and after " + RUNS + " runs");
    }

    /** tpc probe and tpc doctor open and close their own programs, maps, BTF, perf events and links. */
    @Test
    void repeatedProbesAndDoctorsLeaveNoFd() throws Exception {
        BpfTestSupport.requireBpf();
        TpcRuntime.probe();
        TpcRuntime.doctor();
        Map<Integer, String> before = openFds();
        for (int i = 0; i < 3; i++) {
            TpcRuntime.probe();
            TpcRuntime.doctor();
        }
        Map<Integer, String> added = new TreeMap<>(openFds());
        added.keySet().removeAll(before.keySet());
        assertEquals(Map.of(), added, "file descriptors opened by tpc probe and tpc doctor and still open");
    }

    private static void runOnce(LoadPlan plan) throws Exception {
        StringWriter out = new StringWriter();
        try (TpcRuntime.Run run = TpcRuntime.run(plan, new TpcRuntime.RunOptions("repeated", TpcRuntime.Format.JSON, out,
                Templates.bundled()))) {
            run.poll(Duration.ZERO);
        }
    }

    /** Every open fd of this process with what it points at, except the listing's own. */
    private static Map<Integer, String> openFds() throws IOException {
        Map<Integer, String> fds = new TreeMap<>();
        try (var list = Files.list(Path.of("/proc/self/fd"))) {
            for (Path p : list.toList()) {
                try {
                    String target = Files.readSymbolicLink(p).toString();
                    if (!target.matches("/proc/\\d+/fd")) {
                        fds.put(Integer.parseInt(p.getFileName().toString()), target);
                    }
                } catch (IOException e) {
                    // the directory stream's own fd, closed by now
                }
            }
        }
        return fds;
    }
}
