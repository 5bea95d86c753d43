package dev.tpc.validate.schema;

import static dev.tpc.validate.schema.SchemaValidatorTest.HEAD;
import static dev.tpc.validate.schema.SchemaValidatorTest.findings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.diag.CelRule;
import dev.tpc.yaml.YamlReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Layer b: one test per TP2xxx code; the message is the CRD rule's message, the span its object. */
class CelLayerTest {
    @Test
    void tp2001ReturnWithoutReturnArg() {
        assertEquals(List.of("7:5 TP2001 ReturnArg not specified with Return=true."), findings(HEAD + """
                  kprobes:
                  - call: fd_install
                    return: true
                """));
        assertEquals(List.of("7:5 TP2001 ReturnArg not specified with Return=true."), findings(HEAD + """
                  uprobes:
                  - path: /bin/bash
                    symbols: [readline]
                    return: true
                """));
        // return defaults to false, and return: true with a returnArg passes
        assertEquals(List.of(), findings(HEAD + """
                  kprobes:
                  - call: fd_install
                  - call: fd_install
                    return: true
                    returnArg: {index: 0, type: int}
                """));
    }

    @Test
    void tp2002OneUprobeAddressing() {
        assertEquals(List.of("7:5 TP2002 uprobe needs at most one of symbols, addrs or offsets defined"), findings(HEAD + """
                  uprobes:
                  - path: /bin/bash
                    symbols: [readline]
                    offsets: [0x100]
                """));
        // null counts as absent, as in a pruned Kubernetes object
        assertEquals(List.of("9:5 TP1003 spec.uprobes[0].offsets: Invalid value: null: must be of type array, not null"),
                findings(HEAD + """
                          uprobes:
                          - path: /bin/bash
                            symbols: [readline]
                            offsets:
                        """));
    }

    @Test
    void tp2003OneOverrideTarget() {
        assertEquals(List.of("11:9 TP2003 override action needs at most one of argNewSymbol, argNewAddr or argNewOffset defined"),
                findings(HEAD + """
                          uprobes:
                          - path: /bin/bash
                            symbols: [readline]
                            selectors:
                            - matchActions:
                              - action: Override
                                argNewSymbol: other
                                argNewOffset: 16
                        """));
    }

    @Test
    void tp2004HostSelectorMustBeEmpty() {
        assertEquals(List.of("7:5 TP2004 The hostSelector should be either null or {}."), findings(HEAD + """
                  hostSelector:
                    matchLabels: {a: b}
                """));
        assertEquals(List.of("11:11 TP2004 The hostSelector should be either null or {}."), findings(HEAD + """
                  kprobes:
                  - call: a
                    selectors:
                    - matchWorkloads:
                        hostSelector:
                          matchExpressions:
                          - key: a
                            operator: Exists
                """));
        assertEquals(List.of(), findings(HEAD + "  hostSelector: {}\n"));
    }

    @Test
    void tp2005NamespacedPolicyHasNoHostSelector() {
        String yaml = """
                apiVersion: cilium.io/v1alpha1
                kind: TracingPolicyNamespaced
                metadata:
                  name: demo
                  namespace: team-a
                spec:
                  hostSelector: {}
                """;
        var outcome = SchemaValidatorTest.outcome(yaml);
        assertEquals(List.of("1:1 TP2005 TracingPolicyNamespaced should have a null spec.hostSelector."),
                outcome.diagnostics().stream().map(SchemaValidatorTest::line).toList());
        assertTrue(outcome.diagnostics().get(0).hint().contains("line 7"), outcome.diagnostics().get(0).hint());
        // the same spec is fine on the cluster-scoped kind
        assertEquals(List.of(), findings(yaml.replace("TracingPolicyNamespaced", "TracingPolicy").replace("  namespace: team-a\n", "")));
    }

    @Test
    void everyRuleInTheSchemaHasACodeAndCompiles() {
        List<String> expressions = new ArrayList<>();
        collect(PolicySchema.forKind("TracingPolicyNamespaced").root(), PolicySchema.forKind("TracingPolicyNamespaced"), expressions, 0);
        assertFalse(expressions.isEmpty());
        for (CelRule rule : CelRule.values()) {
            assertTrue(expressions.contains(rule.expression()), rule + " is not in the schema");
        }
        var self = new YamlReader().readText("{}", "x").documents().get(0).root();
        for (String e : expressions) {
            assertNotNull(CelRule.forExpression(e), e);
            assertNotNull(CelCheck.evaluate(e, self) != null || e.contains("self.spec") ? Boolean.TRUE : null, e);
        }
    }

    @Test
    void typeErrorsInsideARuleAreLeftToTheSchemaCheck() {
        var self = new YamlReader().readText("{return: \"yes\"}", "x").documents().get(0).root();
        assertNull(CelCheck.evaluate(CelRule.RETURN_ARG_REQUIRED.expression(), self));
    }

    @Test
    void skippingRulesWhoseFieldsAreAbsentChangesNoVerdict() {
        List<String> objects = List.of("{}", "{call: x}", "{return: false}", "{return: true}", "{return: null}",
                "{return: true, returnArg: {index: 0}}", "{returnArg: {index: 0}}", "{return: \"yes\"}",
                "{symbols: [a]}", "{symbols: [a], addrs: [1]}", "{addrs: [1], offsets: [2]}", "{symbols: null, offsets: [2]}",
                "{argNewSymbol: a, argNewAddr: 1}", "{argNewOffset: 2}", "{matchLabels: {a: b}}", "{matchExpressions: []}",
                "{spec: {hostSelector: {}}}", "{spec: {}}", "{spec: {hostSelector: null}}");
        int compared = 0;
        for (CelRule rule : CelRule.values()) {
            for (String o : objects) {
                var self = new YamlReader().readText(o, "x").documents().get(0).root();
                assertEquals(CelCheck.evaluateWithoutShortcut(rule.expression(), self), CelCheck.evaluate(rule.expression(), self),
                        rule + " on " + o);
                compared++;
            }
        }
        assertEquals(CelRule.values().length * objects.size(), compared);
    }

    private static void collect(JsonNode schema, PolicySchema ps, List<String> out, int depth) {
        if (schema == null || depth > 40) return;
        schema.path("x-kubernetes-validations").values().forEach(r -> {
            if (!out.contains(r.path("rule").asString())) out.add(r.path("rule").asString());
        });
        for (String p : schema.path("properties").propertyNames()) {
            collect(ps.property(schema, p), ps, out, depth + 1);
        }
        if (schema.path("additionalProperties").isObject()) collect(ps.property(schema, "*any*"), ps, out, depth + 1);
        if (schema.has("items")) collect(ps.items(schema), ps, out, depth + 1);
    }
}
