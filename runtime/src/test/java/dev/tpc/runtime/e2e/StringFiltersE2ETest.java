package dev.tpc.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * matchArgs on a string, end to end: a policy on {@code syscalls/sys_enter_openat} whose selector
 * kills the test's own copy of the tester when the file name passes the filter. The names are
 * argv strings of the tester, so the kernel always reads them; the files need not exist.
 */
class StringFiltersE2ETest {
    private static final int SIGKILL = 9;

    /** A Sigkill policy for the tester at {@code tester}, filtering the file name with {@code op}. */
    static String policy(String name, Path tester, String op, String value) {
        return """
                apiVersion: cilium.io/v1alpha1
                kind: TracingPolicy
                metadata:
                  name: %s
                spec:
                  tracepoints:
                  - subsystem: "syscalls"
                    event: "sys_enter_openat"
                    args:
                    - index: 6
                      type: "string"
                      label: "filename"
                    selectors:
                    - matchBinaries:
                      - operator: "In"
                        values: ["%s"]
                      matchArgs:
                      - index: 6
                        operator: "%s"
                        values: ["%s"]
                      matchActions:
                      - action: Sigkill
                """.formatted(name, tester, op, value);
    }

    /** Runs one tester opening {@code killed} (must die, reported) and one opening {@code spared} (must live, silent). */
    private static void check(Path dir, String op, String value, String killed, String spared) throws Exception {
        Tester tester = Tester.copyTo(dir, "tester-" + op.toLowerCase());
        try (LivePolicy live = LivePolicy.load(dir, policy("e2e-string-" + op.toLowerCase(), tester.path(), op, value))) {
            Tester.Child hit = tester.run("openat", killed);
            Tester.Child miss = tester.run("openat", spared);

            JsonNode hitExit = live.awaitExit(hit.pid());
            JsonNode missExit = live.awaitExit(miss.pid());
            assertTrue(hit.killedBy(SIGKILL), op + " " + value + " vs " + killed + ": " + hit.describe());
            assertEquals("SIGKILL", hitExit.path("signal").asString(), hitExit.toString());
            List<JsonNode> hooks = live.hookEvents(hit.pid());
            assertEquals(1, hooks.size(), live.output());
            JsonNode ev = hooks.get(0);
            assertEquals("KPROBE_ACTION_SIGKILL", ev.path("action").asString(), ev.toString());
            assertEquals("syscalls", ev.path("subsys").asString());
            assertEquals("sys_enter_openat", ev.path("event").asString());
            assertEquals(killed, ev.path("args").path(0).path("string_arg").asString(), ev.toString());
            assertEquals("filename", ev.path("args").path(0).path("label").asString(), ev.toString());
            assertEquals(tester.path().toString(), ev.path("process").path("binary").asString(), ev.toString());

            assertTrue(miss.finishedNormally(), op + " " + value + " vs " + spared + ": " + miss.describe());
            assertTrue(missExit.path("signal").isMissingNode(), missExit.toString());
            assertEquals(List.of(), live.hookEvents(miss.pid()), "no event for " + spared);
        }
    }

    @Test
    void equal(@TempDir Path dir) throws Exception {
        String target = dir.resolve("secret.txt").toString();
        check(dir, "Equal", target, target, target + ".bak");
    }

    @Test
    void prefix(@TempDir Path dir) throws Exception {
        String prefix = dir.resolve("private-").toString();
        check(dir, "Prefix", prefix, prefix + "key.pem", dir.resolve("public-key.pem").toString());
    }

    @Test
    void postfix(@TempDir Path dir) throws Exception {
        check(dir, "Postfix", ".shadow", dir.resolve("etc.shadow").toString(), dir.resolve("etc.shadow.old").toString());
    }

    @Test
    void notEqual(@TempDir Path dir) throws Exception {
        String allowed = dir.resolve("allowed.conf").toString();
        check(dir, "NotEqual", allowed, dir.resolve("other.conf").toString(), allowed);
    }
}
