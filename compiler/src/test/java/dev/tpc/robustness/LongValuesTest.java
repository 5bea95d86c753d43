package dev.tpc.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.diag.Diagnostic;
import dev.tpc.target.Arch;
import dev.tpc.target.TargetProfiles;
import dev.tpc.target.Targets;
import dev.tpc.validate.PolicyValidator;
import dev.tpc.yaml.ParsedFile;
import dev.tpc.yaml.YamlDocument;
import dev.tpc.yaml.YamlReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A value of 100,000 characters (a file may hold 4 MiB of them) is quoted in a finding as its
 * start and end, never in full: otherwise every finding that names it, often twice (tpc's words
 * and Tetragon's error text), repeats it.
 */
class LongValuesTest {
    private static final String L = "x".repeat(100_000);
    /** YAML limits a key written without '?' to 1024 characters. */
    private static final String K = "k".repeat(1_000);
    private static final int MAX_LENGTH = 800;

    private static final String KPROBE = """
            apiVersion: cilium.io/v1alpha1
            kind: TracingPolicy
            metadata:
              name: a
            spec:
              options:
              - name: "@L@"
                value: "1"
              - name: disable-kprobe-multi
                value: "@L@"
              kprobes:
              - call: "@L@"
                args:
                - index: 0
                  type: int
                - index: 1
                  type: string
                - index: 2
                  type: sock
                - index: 3
                  type: file
                data:
                - index: 0
                  type: int
                  source: "@L@"
                  resolve: "@L@"
                selectors:
                - matchArgs:
                  - index: 0
                    operator: Equal
                    values: ["@L@"]
                  - index: 1
                    operator: Equal
                    values: ["${@L@}"]
                  - index: 2
                    operator: SAddr
                    values: ["@L@"]
                  - index: 3
                    operator: FileType
                    values: ["@L@"]
                  matchNamespaces:
                  - namespace: Pid
                    operator: In
                    values: ["@L@"]
                  matchCapabilities:
                  - type: Effective
                    operator: In
                    values: ["@L@"]
                - matchActions:
                  - action: Post
                    rateLimit: "@L@"
                    rateLimitScope: "@L@"
              enforcers:
              - calls: ["@L@"]
            """;

    private static final String LISTS = """
            apiVersion: cilium.io/v1alpha1
            kind: TracingPolicy
            metadata:
              name: c
            spec:
              lists:
              - name: "@L@"
                type: syscalls
                values: ["@L@", "sys_@L@"]
              kprobes:
              - call: "list:@L@"
            """;

    private static final String SCHEMA = """
            apiVersion: "@L@"
            kind: TracingPolicy
            metadata:
              name: "@L@"
              labels:
                ? "@L@"
                : "@L@"
              "@K@": 1
            spec:
              ? "@L@"
              : 1
              kprobes:
              - call: sys_write
                args:
                - index: 0
                  type: "@L@"
            """;

    private static final String NAMESPACED = """
            apiVersion: cilium.io/v1alpha1
            kind: TracingPolicyNamespaced
            metadata:
              name: n
              namespace: "@L@"
            spec:
              kprobes:
              - call: sys_write
            """;

    private static final String HOOK_NAMES = """
            apiVersion: cilium.io/v1alpha1
            kind: TracingPolicy
            metadata:
              name: h
            spec:
              kprobes:
              - call: "security_@L@"
                syscall: false
                selectors:
                - matchActions:
                  - action: Override
                    argError: -1
              - call: "security_@L@"
                syscall: false
              - call: "@L@"
                syscall: false
                selectors:
                - matchActions:
                  - action: Override
                    argError: -1
            """;

    private static final String TRACEPOINT = """
            apiVersion: cilium.io/v1alpha1
            kind: TracingPolicy
            metadata:
              name: t
            spec:
              tracepoints:
              - subsystem: syscalls
                event: "@L@"
            """;

    @Test
    void findingsQuoteLongValuesShortened() {
        PolicyValidator validator = new PolicyValidator(new Targets(TargetProfiles.all(), Arch.X86_64));
        Set<String> codes = new TreeSet<>();
        List<String> tooLong = new ArrayList<>();
        for (String policy : List.of(KPROBE, LISTS, SCHEMA, NAMESPACED, HOOK_NAMES, TRACEPOINT)) {
            ParsedFile parsed = new YamlReader().readText(policy.replace("@K@", K).replace("@L@", L), "p.yaml");
            assertEquals(List.of(), parsed.diagnostics(), "the YAML is read");
            YamlDocument doc = parsed.documents().get(0);
            for (Diagnostic d : validator.validate(doc).diagnostics()) {
                codes.add(d.code());
                int hint = d.hint() == null ? 0 : d.hint().length();
                if (d.message().length() > MAX_LENGTH || hint > MAX_LENGTH) {
                    tooLong.add(d.code() + " (message " + d.message().length() + ", hint " + hint + " characters): "
                            + d.message().substring(0, 60));
                }
            }
        }
        assertTrue(codes.containsAll(Set.of("TP1001", "TP1010", "TP1012", "TP1014", "TP1016", "TP3002", "TP3007", "TP3012",
                "TP3105", "TP3113", "TP3204", "TP3213", "TP3217", "TP3230", "TP3234", "TP4003", "TP4004", "TP4023", "TP5005", "TP5007",
                "TP5020")),
                "the policies reach the rules that quote values: " + codes);
        assertEquals(List.of(), tooLong);
    }
}
