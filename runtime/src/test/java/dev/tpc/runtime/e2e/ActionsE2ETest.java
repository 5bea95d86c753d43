package dev.tpc.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Actions end to end on {@code syscalls/sys_enter_lseek}: Sigkill, Signal with NoPost, a Post
 * rate limit, and monitor mode. Every selector is scoped to the test's own tester copy; the
 * whence value chooses whether a call matches.
 */
class ActionsE2ETest {
    private static final int SIGKILL = 9;
    private static final int SIGUSR1 = 10;

    /** {@code selectors} is YAML for the selector list; {@code options} for spec.options (may be empty). */
    static String policy(String name, String options, String selectors) {
        return """
                apiVersion: cilium.io/v1alpha1
                kind: TracingPolicy
                metadata:
                  name: %s
                spec:
                %s  tracepoints:
                  - subsystem: "syscalls"
                    event: "sys_enter_lseek"
                    args:
                    - index: 7
                      type: "uint32"
                    selectors:
                %s""".formatted(name, options, selectors.stripTrailing().indent(4));
    }

    static String selector(Path tester, String whence, String actions) {
        return """
                - matchBinaries:
                  - operator: "In"
                    values: ["%s"]
                  matchArgs:
                  - index: 7
                    operator: "Equal"
                    values: ["%s"]
                  matchActions:
                %s""".formatted(tester, whence, actions.stripTrailing().indent(2));
    }

    private static final String MONITOR = """
              options:
              - name: "policy-mode"
                value: "monitor"
            """;

    @Test
    void sigkill(@TempDir Path dir) throws Exception {
        Tester tester = Tester.copyTo(dir, "tester");
        String yaml = policy("e2e-sigkill", "", selector(tester.path(), "6101", "- action: Sigkill"));
        try (LivePolicy live = LivePolicy.load(dir, yaml)) {
            Tester.Child hit = tester.run("lseek", "-1", "0", "6101");
            Tester.Child miss = tester.run("lseek", "-1", "0", "6102");
            JsonNode exit = live.awaitExit(hit.pid());
            live.awaitExit(miss.pid());
            assertTrue(hit.killedBy(SIGKILL), hit.describe());
            assertEquals("SIGKILL", exit.path("signal").asString(), exit.toString());
            List<JsonNode> hooks = live.hookEvents(hit.pid());
            assertEquals(1, hooks.size(), live.output());
            assertEquals("KPROBE_ACTION_SIGKILL", hooks.get(0).path("action").asString());
            assertEquals("e2e-sigkill", hooks.get(0).path("policy_name").asString());
            assertTrue(miss.finishedNormally(), miss.describe());
            assertEquals(List.of(), live.hookEvents(miss.pid()));
        }
    }

    @Test
    void signalWithNoPostKillsSilently(@TempDir Path dir) throws Exception {
        Tester tester = Tester.copyTo(dir, "tester");
        String actions = """
                - action: Signal
                  argSig: 10
                - action: NoPost
                """;
        String yaml = policy("e2e-signal-nopost", "", selector(tester.path(), "6201", actions));
        try (LivePolicy live = LivePolicy.load(dir, yaml)) {
            Tester.Child hit = tester.run("lseek", "-1", "0", "6201");
            Tester.Child miss = tester.run("lseek", "-1", "0", "6202");
            JsonNode exit = live.awaitExit(hit.pid());
            live.awaitExit(miss.pid());
            assertTrue(hit.killedBy(SIGUSR1), hit.describe());
            assertEquals("SIGUSR1", exit.path("signal").asString(), exit.toString());
            assertEquals(List.of(), live.hookEvents(hit.pid()), "NoPost: the signal is sent, the event is not");
            assertTrue(miss.finishedNormally(), miss.describe());
            assertEquals(List.of(), live.hookEvents(miss.pid()));
        }
    }

    @Test
    void rateLimitPostsOncePerWindow(@TempDir Path dir) throws Exception {
        Tester tester = Tester.copyTo(dir, "tester");
        // a 10-minute window: the three calls of one tester always fall into it
        String limited = selector(tester.path(), "6301", """
                - action: Post
                  rateLimit: "10m"
                """);
        String unlimited = selector(tester.path(), "6302", "- action: Post");
        String yaml = policy("e2e-ratelimit", "", limited + unlimited);
        try (LivePolicy live = LivePolicy.load(dir, yaml)) {
            Tester.Child a = tester.run("lseek", "-1", "0", "6301", "3");
            Tester.Child b = tester.run("lseek", "-1", "0", "6302", "3");
            live.awaitExit(a.pid());
            live.awaitExit(b.pid());
            assertTrue(a.finishedNormally(), a.describe());
            assertTrue(b.finishedNormally(), b.describe());
            assertEquals(1, live.hookEvents(a.pid()).size(), "rate limited to one event: " + live.output());
            assertEquals(3, live.hookEvents(b.pid()).size(), "no rate limit, three events: " + live.output());
        }
    }

    /**
     * Two namespaced policies of one name run together, one in monitor mode and one enforcing:
     * each keeps its own mode (policy_conf) and rate-limit state, although events name both by
     * the same policy_name.
     */
    @Test
    void sameNamedPoliciesOfTwoNamespacesKeepTheirOwnMode(@TempDir Path dir) throws Exception {
        Tester watched = Tester.copyTo(dir, "tester-watched");
        Tester enforced = Tester.copyTo(dir, "tester-enforced");
        String monitor = policy("e2e-same-name", MONITOR, selector(watched.path(), "6501", "- action: Sigkill"))
                .replace("kind: TracingPolicy\nmetadata:\n", "kind: TracingPolicyNamespaced\nmetadata:\n  namespace: team-a\n");
        String enforce = policy("e2e-same-name", "", selector(enforced.path(), "6501", "- action: Sigkill"))
                .replace("kind: TracingPolicy\nmetadata:\n", "kind: TracingPolicyNamespaced\nmetadata:\n  namespace: team-b\n");
        assertTrue(monitor.contains("namespace: team-a") && enforce.contains("namespace: team-b"), monitor + enforce);
        try (LivePolicy live = LivePolicy.load(dir, monitor + "---\n" + enforce)) {
            Tester.Child reported = watched.run("lseek", "-1", "0", "6501");
            Tester.Child killed = enforced.run("lseek", "-1", "0", "6501");
            live.awaitExit(reported.pid());
            live.awaitExit(killed.pid());
            assertTrue(reported.finishedNormally(), "team-a's policy is in monitor mode: " + reported.describe());
            assertTrue(killed.killedBy(SIGKILL), "team-b's policy enforces: " + killed.describe());
            assertEquals(1, live.hookEvents(reported.pid()).size(), live.output());
            assertEquals(1, live.hookEvents(killed.pid()).size(), live.output());
        }
    }

    @Test
    void monitorModeReportsSigkillWithoutKilling(@TempDir Path dir) throws Exception {
        Tester tester = Tester.copyTo(dir, "tester");
        String yaml = policy("e2e-monitor", MONITOR, selector(tester.path(), "6401", "- action: Sigkill"));
        try (LivePolicy live = LivePolicy.load(dir, yaml)) {
            Tester.Child hit = tester.run("lseek", "-1", "0", "6401");
            Tester.Child miss = tester.run("lseek", "-1", "0", "6402");
            JsonNode exit = live.awaitExit(hit.pid());
            live.awaitExit(miss.pid());
            assertTrue(hit.finishedNormally(), "monitor mode does not kill: " + hit.describe());
            assertTrue(exit.path("signal").isMissingNode(), exit.toString());
            List<JsonNode> hooks = live.hookEvents(hit.pid());
            assertEquals(1, hooks.size(), live.output());
            assertEquals("KPROBE_ACTION_SIGKILL", hooks.get(0).path("action").asString(), "the action is reported");
            assertTrue(miss.finishedNormally(), miss.describe());
            assertEquals(List.of(), live.hookEvents(miss.pid()));
        }
    }
}
