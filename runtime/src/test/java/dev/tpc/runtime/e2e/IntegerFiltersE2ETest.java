package dev.tpc.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * matchArgs on integers, end to end, on {@code syscalls/sys_enter_lseek} (fields 5 fd, 6 offset,
 * 7 whence): the test's own tester calls lseek(-1, offset, whence), which fails with EBADF after
 * the tracepoint has seen its arguments; a selector scoped to the tester's path kills it when the
 * filter passes.
 */
class IntegerFiltersE2ETest {
    private static final int SIGKILL = 9;

    static String policy(String name, Path tester, int index, String op, String... values) {
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
                    - index: 5
                      type: "int"
                      label: "fd"
                    - index: 6
                      type: "int64"
                      label: "offset"
                    - index: 7
                      type: "uint32"
                      label: "whence"
                    selectors:
                    - matchBinaries:
                      - operator: "In"
                        values: ["%s"]
                      matchArgs:
                      - index: %d
                        operator: "%s"
                        values: [%s]
                      matchActions:
                      - action: Sigkill
                """.formatted(name, tester, index, op, "\"" + String.join("\", \"", values) + "\"");
    }

    /** lseek(-1, offset, whence) for both testers: {@code killed} must die and be reported, {@code spared} live unreported. */
    private static void check(Path dir, int index, String op, List<String> values, long[] killed, long[] spared) throws Exception {
        Tester tester = Tester.copyTo(dir, "tester-" + op.toLowerCase());
        String name = "e2e-int-" + op.toLowerCase();
        try (LivePolicy live = LivePolicy.load(dir, policy(name, tester.path(), index, op, values.toArray(String[]::new)))) {
            Tester.Child hit = tester.run("lseek", "-1", Long.toString(killed[0]), Long.toString(killed[1]));
            Tester.Child miss = tester.run("lseek", "-1", Long.toString(spared[0]), Long.toString(spared[1]));
            live.awaitExit(hit.pid());
            live.awaitExit(miss.pid());
            String what = op + " " + values;
            assertTrue(hit.killedBy(SIGKILL), what + ": " + hit.describe());
            List<JsonNode> hooks = live.hookEvents(hit.pid());
            assertEquals(1, hooks.size(), live.output());
            JsonNode args = hooks.get(0).path("args");
            assertEquals(-1, args.path(0).path("int_arg").asInt(), args.toString());
            assertEquals(killed[0], args.path(1).path("long_arg").asLong(), args.toString());
            assertEquals(killed[1], args.path(2).path("uint_arg").asLong(), args.toString());
            assertEquals("whence", args.path(2).path("label").asString(), args.toString());
            assertEquals("KPROBE_ACTION_SIGKILL", hooks.get(0).path("action").asString());
            assertTrue(miss.finishedNormally(), what + ": " + miss.describe());
            assertEquals(List.of(), live.hookEvents(miss.pid()), what);
        }
    }

    @Test
    void equalOnWhence(@TempDir Path dir) throws Exception {
        check(dir, 7, "Equal", List.of("4444"), new long[] {0, 4444}, new long[] {0, 4445});
    }

    @Test
    void greaterThanOnOffset(@TempDir Path dir) throws Exception {
        check(dir, 6, "GT", List.of("1048576"), new long[] {1048577, 0}, new long[] {1048576, 0});
    }

    @Test
    void lessThanOnASignedOffset(@TempDir Path dir) throws Exception {
        check(dir, 6, "LT", List.of("-5"), new long[] {-6, 0}, new long[] {-5, 0});
    }

    @Test
    void maskOnWhence(@TempDir Path dir) throws Exception {
        // any bit of 0x100 set
        check(dir, 7, "Mask", List.of("0x100"), new long[] {0, 0x1f0}, new long[] {0, 0x0ff});
    }

    @Test
    void inMapOnWhence(@TempDir Path dir) throws Exception {
        check(dir, 7, "InMap", List.of("7001", "7003"), new long[] {0, 7003}, new long[] {0, 7002});
    }
}
