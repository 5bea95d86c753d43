package dev.tpc.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.diag.SourceSpan;
import dev.tpc.testing.SharedData;
import dev.tpc.yaml.ParsedFile;
import dev.tpc.yaml.YamlDocument;
import dev.tpc.yaml.YamlReader;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ModelBindingTest {
    private static TracingPolicy bind(String yaml) {
        ParsedFile parsed = new YamlReader().readText(yaml, "p.yaml");
        assertTrue(parsed.diagnostics().isEmpty(), () -> parsed.diagnostics().toString());
        return TracingPolicy.from(parsed.documents().get(0).root());
    }

    @Test
    void bindsTypedFieldsAndKeepsNodes() {
        TracingPolicy p = bind("""
                apiVersion: cilium.io/v1alpha1
                kind: TracingPolicy
                metadata:
                  name: demo
                  labels: {team: sec}
                spec:
                  kprobes:
                  - call: fd_install
                    syscall: false
                    return: true
                    args:
                    - index: 0
                      type: int
                    - index: 1
                      type: file
                    returnArg: {index: 0, type: int}
                    selectors:
                    - matchArgs:
                      - index: 1
                        operator: Prefix
                        values: [/etc]
                      matchPIDs:
                      - operator: NotIn
                        values: [0, 1]
                      matchActions:
                      - action: Override
                        argError: -1
                  uprobes:
                  - path: /bin/bash
                    addrs: [18446744073709551615]
                  selectorsMacros:
                    m1:
                      matchBinaries:
                      - operator: In
                        values: [/bin/sh]
                """);
        assertEquals("demo", p.metadata().name());
        assertEquals("sec", p.metadata().labels().get("team"));
        KProbeSpec k = p.spec().kprobes().get(0);
        assertEquals("fd_install", k.call());
        assertEquals(Boolean.FALSE, k.syscall());
        assertEquals(Boolean.TRUE, k.isReturn());
        assertEquals(List.of(ArgType.INT, ArgType.FILE), k.args().stream().map(KProbeArg::type).toList());
        assertEquals(0L, k.returnArg().index());
        KProbeSelector s = k.selectors().get(0);
        assertEquals(ArgOperator.PREFIX, s.matchArgs().get(0).operator());
        assertEquals(List.of("/etc"), s.matchArgs().get(0).values());
        assertEquals(List.of(0L, 1L), s.matchPIDs().get(0).values());
        assertEquals(MembershipOperator.NOT_IN, s.matchPIDs().get(0).operator());
        assertEquals(ActionType.OVERRIDE, s.matchActions().get(0).action());
        assertEquals(-1L, s.matchActions().get(0).argError());
        assertEquals(new BigInteger("18446744073709551615"), p.spec().uprobes().get(0).addrs().get(0));
        assertEquals(BinaryOperator.IN, p.spec().selectorsMacros().get("m1").matchBinaries().get(0).operator());
        assertTrue(p.spec().tracepoints().isEmpty());
        assertNull(p.spec().podSelector());

        // spans: the call value, a list item, a key, an absent field
        assertEquals(new SourceSpan("p.yaml", 8, 11, 8, 21), k.valueSpan("call"));
        assertEquals(new SourceSpan("p.yaml", 9, 5, 9, 12), k.keySpan("syscall"));
        assertEquals(14, k.itemSpan("args", 1).line());
        assertEquals(7, k.itemSpan("args", 1).column());
        assertEquals(k.span(), k.valueSpan("data"));
        assertTrue(k.has("returnArg"));
        assertFalse(k.has("data"));
        assertEquals("false", k.text("syscall"));
        assertEquals(32, p.spec().entryKeySpan("selectorsMacros", "m1").line());
    }

    @Test
    void enumsKeepTheWireSpelling() {
        assertEquals("NotSportPriv", ArgOperator.NOT_SPORT_PRIV.wire());
        assertEquals(ArgOperator.SUB_STRING_IGN_CASE, ArgOperator.fromWire("SubStringIgnCase"));
        assertEquals(ArgType.CHAR_BUF, ArgType.fromWire("char_buf"));
        assertNull(ArgOperator.fromWire("equal"), "the CRD's enums are case-sensitive");
        assertEquals("generated_ftrace", ListType.GENERATED_FTRACE.toString());
    }

    @Test
    void bindingIsLenientAboutWrongTypes() {
        TracingPolicy p = bind("""
                kind: TracingPolicy
                metadata: [not, a, map]
                spec:
                  kprobes:
                  - call: [x]
                    syscall: "yes"
                    args: {index: 0}
                    selectors:
                    - matchPIDs:
                      - operator: Sometimes
                        values: [a, 1, -3, 99999999999999999999999]
                  - just a string
                  lists: 7
                """);
        KProbeSpec k = p.spec().kprobes().get(0);
        assertNull(k.call());
        assertNull(k.syscall());
        assertTrue(k.args().isEmpty());
        assertNull(k.selectors().get(0).matchPIDs().get(0).operator());
        assertEquals(List.of(1L, -3L), k.selectors().get(0).matchPIDs().get(0).values());
        assertNotNull(p.spec().kprobes().get(1), "a non-mapping item binds as an empty object, keeping indexes");
        assertNull(p.spec().kprobes().get(1).call());
        assertTrue(p.spec().lists().isEmpty());
        assertNull(p.metadata().name());
        assertNull(TracingPolicy.from(null));
    }

    @Test
    void everyCorpusPolicyBinds() throws IOException {
        Path corpus = SharedData.require().resolve("corpus/upstream");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus)) {
            files = walk.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(files.size() >= 90, "corpus has " + files.size() + " files");
        int policies = 0;
        int hooks = 0;
        for (Path f : files) {
            ParsedFile parsed = new YamlReader().read(f, corpus.relativize(f).toString());
            for (YamlDocument doc : parsed.documents()) {
                TracingPolicy p = TracingPolicy.from(doc.root());
                if (p != null && p.spec() != null) {
                    policies++;
                    TracingPolicySpec s = p.spec();
                    hooks += s.kprobes().size() + s.tracepoints().size() + s.uprobes().size()
                            + s.lsmhooks().size() + s.usdts().size() + s.fentries().size();
                }
            }
        }
        assertTrue(policies >= 95, "bound " + policies + " policies");
        assertTrue(hooks >= policies, "bound " + hooks + " hooks");
    }
}
