package dev.tpc.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Uprobes end to end (check, lower, encode, bundle, plan, tpc_uprobe / tpc_uretprobe in the
 * kernel, events): each test probes {@code tpc_probe_target(int value, const char *text)} in its
 * own copy of the tester, so only its own children can match. The function returns
 * {@code value + strlen(text)}.
 */
class UprobeE2ETest {
    private static final int SIGKILL = 9;

    private static String policy(String name, Path tester, String extra, String selectors) {
        return """
                apiVersion: cilium.io/v1alpha1
                kind: TracingPolicy
                metadata:
                  name: %s
                spec:
                  uprobes:
                  - path: "%s"
                    symbols:
                    - "tpc_probe_target"
                    args:
                    - index: 0
                      type: "int"
                      label: "value"
                    - index: 1
                      type: "string"
                %s    selectors:
                %s""".formatted(name, tester, extra.indent(4), selectors.indent(4));
    }

    private static List<JsonNode> uprobeEvents(LivePolicy live, int pid) {
        return live.events("process_uprobe", pid);
    }

    @Test
    void matchArgsEqualOnTheIntArgument(@TempDir Path dir) throws Exception {
        Tester tester = Tester.copyTo(dir, "tester-uprobe-equal");
        String yaml = policy("e2e-uprobe-equal", tester.path(), "", """
                - matchArgs:
                  - index: 0
                    operator: "Equal"
                    values: ["4242"]
                """);
        try (LivePolicy live = LivePolicy.load(dir, yaml)) {
            Tester.Child hit = tester.run("call", "4242", "hello");
            Tester.Child miss = tester.run("call", "4243", "hello");
            live.awaitExit(hit.pid());
            live.awaitExit(miss.pid());
            assertTrue(hit.finishedNormally(), hit.describe());
            assertTrue(miss.finishedNormally(), miss.describe());
            List<JsonNode> events = uprobeEvents(live, hit.pid());
            assertEquals(1, events.size(), live.output());
            JsonNode e = events.get(0);
            assertEquals(tester.path().toString(), e.path("path").asString(), e.toString());
            assertEquals("tpc_probe_target", e.path("symbol").asString(), e.toString());
            assertEquals("e2e-uprobe-equal", e.path("policy_name").asString());
            assertEquals(4242, e.path("args").path(0).path("int_arg").asInt(), e.toString());
            assertEquals("value", e.path("args").path(0).path("label").asString(), e.toString());
            assertEquals("hello", e.path("args").path(1).path("string_arg").asString(), e.toString());
            assertEquals("KPROBE_ACTION_POST", e.path("action").asString());
            assertEquals(tester.path().toString(), e.path("process").path("binary").asString());
            assertEquals(List.of(), uprobeEvents(live, miss.pid()), "4243 is not Equal 4242");
        }
    }

    @Test
    void sigkillOnTheUprobeKillsTheMatchingCallOnly(@TempDir Path dir) throws Exception {
        Tester tester = Tester.copyTo(dir, "tester-uprobe-kill");
        String yaml = policy("e2e-uprobe-sigkill", tester.path(), "", """
                - matchArgs:
                  - index: 1
                    operator: "Equal"
                    values: ["kill me"]
                  matchActions:
                  - action: Sigkill
                """);
        try (LivePolicy live = LivePolicy.load(dir, yaml)) {
            Tester.Child hit = tester.run("call", "1", "kill me");
            Tester.Child spared = tester.run("call", "1", "spare me");
            live.awaitExit(hit.pid());
            live.awaitExit(spared.pid());
            assertTrue(hit.killedBy(SIGKILL), hit.describe());
            assertTrue(!hit.describe().contains("call "), "killed at the call's entry, before it returned: " + hit.describe());
            List<JsonNode> events = uprobeEvents(live, hit.pid());
            assertEquals(1, events.size(), live.output());
            assertEquals("KPROBE_ACTION_SIGKILL", events.get(0).path("action").asString());
            assertEquals("kill me", events.get(0).path("args").path(1).path("string_arg").asString());
            assertTrue(spared.finishedNormally(), spared.describe());
            assertEquals(List.of(), uprobeEvents(live, spared.pid()));
        }
    }

    /**
     * Two policies probing the same function with return probes, run together: each call gives
     * one event per policy, each with its own return filter applied (the attach points have the
     * same name in both policies, and each return program must pair with its own entry).
     */
    @Test
    void twoPoliciesWithReturnProbesOnOneFunctionPairTheirOwnCalls(@TempDir Path dir) throws Exception {
        Tester tester = Tester.copyTo(dir, "tester-uretprobe-twice");
        String returnProbe = """
                return: true
                returnArg:
                  index: 0
                  type: "int"
                """;
        String keeps105 = policy("e2e-uretprobe-105", tester.path(), returnProbe, """
                - matchReturnArgs:
                  - index: 0
                    operator: "Equal"
                    values: ["105"]
                """);
        String keeps106 = policy("e2e-uretprobe-106", tester.path(), returnProbe, """
                - matchReturnArgs:
                  - index: 0
                    operator: "Equal"
                    values: ["106"]
                """);
        try (LivePolicy live = LivePolicy.load(dir, keeps105 + "---\n" + keeps106)) {
            Tester.Child returns105 = tester.run("call", "100", "hello");
            Tester.Child returns106 = tester.run("call", "101", "hello");
            live.awaitExit(returns105.pid());
            live.awaitExit(returns106.pid());
            assertTrue(returns105.finishedNormally(), returns105.describe());
            assertTrue(returns106.finishedNormally(), returns106.describe());
            List<JsonNode> first = uprobeEvents(live, returns105.pid());
            assertEquals(List.of("e2e-uretprobe-105"), first.stream().map(e -> e.path("policy_name").asString()).toList(),
                    live.output());
            assertEquals(105, first.get(0).path("args").path(2).path("int_arg").asInt(), live.output());
            List<JsonNode> second = uprobeEvents(live, returns106.pid());
            assertEquals(List.of("e2e-uretprobe-106"), second.stream().map(e -> e.path("policy_name").asString()).toList(),
                    live.output());
            assertEquals(106, second.get(0).path("args").path(2).path("int_arg").asInt(), live.output());
        }
    }

    @Test
    void uretprobeWithMatchReturnArgs(@TempDir Path dir) throws Exception {
        Tester tester = Tester.copyTo(dir, "tester-uretprobe");
        String yaml = policy("e2e-uretprobe", tester.path(), """
                return: true
                returnArg:
                  index: 0
                  type: "int"
                """, """
                - matchReturnArgs:
                  - index: 0
                    operator: "Equal"
                    values: ["105"]
                """);
        try (LivePolicy live = LivePolicy.load(dir, yaml)) {
            Tester.Child hit = tester.run("call", "100", "hello"); // returns 105
            Tester.Child miss = tester.run("call", "101", "hello"); // returns 106
            live.awaitExit(hit.pid());
            live.awaitExit(miss.pid());
            assertTrue(hit.finishedNormally(), hit.describe());
            assertTrue(miss.finishedNormally(), miss.describe());
            List<JsonNode> events = uprobeEvents(live, hit.pid());
            assertEquals(1, events.size(), "the entry and its return make one event: " + live.output());
            JsonNode args = events.get(0).path("args");
            assertEquals(3, args.size(), args.toString());
            assertEquals(100, args.path(0).path("int_arg").asInt(), args.toString());
            assertEquals("hello", args.path(1).path("string_arg").asString(), args.toString());
            // Tetragon appends a uretprobe's value to the entry's args
            assertEquals(105, args.path(2).path("int_arg").asInt(), args.toString());
            assertEquals(List.of(), uprobeEvents(live, miss.pid()), "106 is filtered out at return: " + live.output());
        }
    }
}
