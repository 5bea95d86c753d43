package dev.tpc.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * matchBinaries and matchPIDs, end to end. Every enforcing selector names this test's own
 * processes: a tester copy at a path of its own, or the pids of testers that wait (they report
 * their pid, the policy is loaded with it, then they make their call).
 */
class ProcessFiltersE2ETest {
    private static final int SIGKILL = 9;
    private static final String WHENCE = "5555";

    /** Sigkill on lseek with whence 5555 for processes that pass {@code processFilters} (YAML under the selector). */
    static String policy(String name, String processFilters) {
        return """
                apiVersion: cilium.io/v1alpha1
                kind: TracingPolicy
                metadata:
                  name: %s
                spec:
                  tracepoints:
                  - subsystem: "syscalls"
                    event: "sys_enter_lseek"
                    args:
                    - index: 7
                      type: "uint32"
                    selectors:
                    - %s
                      matchArgs:
                      - index: 7
                        operator: "Equal"
                        values: ["%s"]
                      matchActions:
                      - action: Sigkill
                """.formatted(name, processFilters.strip().replace("\n", "\n      "), WHENCE);
    }

    private static void assertKilledAndReported(LivePolicy live, Tester.Child c) throws Exception {
        live.awaitExit(c.pid());
        assertTrue(c.killedBy(SIGKILL), c.describe());
        assertEquals(1, live.hookEvents(c.pid()).size(), live.output());
    }

    private static void assertSparedAndSilent(LivePolicy live, Tester.Child c) throws Exception {
        live.awaitExit(c.pid());
        assertTrue(c.finishedNormally(), c.describe());
        assertEquals(List.of(), live.hookEvents(c.pid()));
    }

    @Test
    void binariesIn(@TempDir Path dir) throws Exception {
        Tester mine = Tester.copyTo(Files.createDirectories(dir.resolve("a")), "tester");
        Tester other = Tester.copyTo(Files.createDirectories(dir.resolve("b")), "tester");
        String filters = """
                matchBinaries:
                - operator: "In"
                  values: ["%s"]
                """.formatted(mine.path());
        try (LivePolicy live = LivePolicy.load(dir, policy("e2e-binaries-in", filters))) {
            Tester.Child hit = mine.run("lseek", "-1", "0", WHENCE);
            Tester.Child miss = other.run("lseek", "-1", "0", WHENCE);
            assertKilledAndReported(live, hit);
            assertEquals(mine.path().toString(),
                    live.hookEvents(hit.pid()).get(0).path("process").path("binary").asString());
            assertSparedAndSilent(live, miss);
        }
    }

    @Test
    void binariesNotIn(@TempDir Path dir) throws Exception {
        Tester spared = Tester.copyTo(Files.createDirectories(dir.resolve("a")), "tester");
        Tester other = Tester.copyTo(Files.createDirectories(dir.resolve("b")), "tester");
        // NotIn alone would reach every other process: the selector is also scoped to the two testers' pids
        Tester.Child a = spared.startWaiting("lseek", "-1", "0", WHENCE);
        Tester.Child b = other.startWaiting("lseek", "-1", "0", WHENCE);
        String filters = """
                matchPIDs:
                - operator: "In"
                  values: [%d, %d]
                matchBinaries:
                - operator: "NotIn"
                  values: ["%s"]
                """.formatted(a.pid(), b.pid(), spared.path());
        try (LivePolicy live = LivePolicy.load(dir, policy("e2e-binaries-notin", filters))) {
            a.go();
            b.go();
            a.await();
            b.await();
            assertSparedAndSilent(live, a);
            assertKilledAndReported(live, b);
        }
    }

    @Test
    void pidsIn(@TempDir Path dir) throws Exception {
        Tester tester = Tester.copyTo(dir, "tester");
        Tester.Child target = tester.startWaiting("lseek", "-1", "0", WHENCE);
        Tester.Child bystander = tester.startWaiting("lseek", "-1", "0", WHENCE);
        String filters = """
                matchPIDs:
                - operator: "In"
                  followForks: false
                  values: [%d]
                """.formatted(target.pid());
        try (LivePolicy live = LivePolicy.load(dir, policy("e2e-pids-in", filters))) {
            target.go();
            bystander.go();
            target.await();
            bystander.await();
            assertKilledAndReported(live, target);
            assertSparedAndSilent(live, bystander);
        }
    }

    @Test
    void pidsNotInWithinTheTestersBinary(@TempDir Path dir) throws Exception {
        Tester tester = Tester.copyTo(dir, "tester");
        Tester.Child spared = tester.startWaiting("lseek", "-1", "0", WHENCE);
        Tester.Child target = tester.startWaiting("lseek", "-1", "0", WHENCE);
        String filters = """
                matchPIDs:
                - operator: "NotIn"
                  followForks: false
                  values: [%d]
                matchBinaries:
                - operator: "In"
                  values: ["%s"]
                """.formatted(spared.pid(), tester.path());
        try (LivePolicy live = LivePolicy.load(dir, policy("e2e-pids-notin", filters))) {
            spared.go();
            target.go();
            spared.await();
            target.await();
            assertSparedAndSilent(live, spared);
            assertKilledAndReported(live, target);
        }
    }
}
