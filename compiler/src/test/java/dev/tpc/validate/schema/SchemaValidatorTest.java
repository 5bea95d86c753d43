package dev.tpc.validate.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.diag.Diagnostic;
import dev.tpc.model.ArgType;
import dev.tpc.model.CapabilityType;
import dev.tpc.model.KProbeArg;
import dev.tpc.model.KProbeSpec;
import dev.tpc.yaml.MappingNode;
import dev.tpc.yaml.ParsedFile;
import dev.tpc.yaml.ScalarNode;
import dev.tpc.yaml.YamlReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Layer a: one test per TP1xxx code, with the exact position of each finding. */
class SchemaValidatorTest {
    static final String HEAD = """
            apiVersion: cilium.io/v1alpha1
            kind: TracingPolicy
            metadata:
              name: demo
            spec:
            """;

    static SchemaOutcome outcome(String yaml) {
        ParsedFile parsed = new YamlReader().readText(yaml, "p.yaml");
        assertTrue(parsed.diagnostics().isEmpty(), () -> parsed.diagnostics().toString());
        MappingNode root = (MappingNode) parsed.documents().get(0).root();
        String kind = root.get("kind").map(n -> ((ScalarNode) n).keyText()).orElse(null);
        return new SchemaValidator().validate(root, kind);
    }

    /** Findings as "LINE:COL CODE MESSAGE". */
    static List<String> findings(String yaml) {
        return outcome(yaml).diagnostics().stream().map(SchemaValidatorTest::line).toList();
    }

    static String line(Diagnostic d) {
        return d.span().line() + ":" + d.span().column() + " " + d.code() + " " + d.message();
    }

    @Test
    void validPolicyHasNoFindingsAndGetsDefaults() {
        SchemaOutcome o = outcome(HEAD + """
                  kprobes:
                  - call: fd_install
                    args:
                    - index: 0
                    selectors:
                    - matchCapabilities:
                      - operator: In
                        values: [CAP_SYS_ADMIN]
                """);
        assertEquals(List.of(), o.diagnostics());
        assertTrue(o.valid());
        KProbeSpec k = o.model().spec().kprobes().get(0);
        assertEquals(Boolean.TRUE, k.syscall(), "syscall defaults to true");
        assertEquals(Boolean.FALSE, k.isReturn());
        assertTrue(k.isDefaulted("syscall"));
        assertFalse(k.isDefaulted("call"));
        KProbeArg arg = k.args().get(0);
        assertEquals(ArgType.AUTO, arg.type(), "arg type defaults to auto");
        assertEquals("", arg.resolve());
        assertEquals(Boolean.FALSE, arg.maxData());
        assertEquals(arg.span(), arg.valueSpan("type"), "a defaulted value points at the object that received it");
        var caps = k.selectors().get(0).matchCapabilities().get(0);
        assertEquals(CapabilityType.EFFECTIVE, caps.type());
        assertEquals(Boolean.FALSE, caps.isNamespaceCapability());
        assertTrue(o.model().spec().kprobes().get(0).returnArg() == null, "no default creates a missing parent object");
    }

    @Test
    void defaultsReplaceNullButNotWrongTypes() {
        SchemaOutcome o = outcome(HEAD + """
                  kprobes:
                  - call: a
                    syscall:
                    return: "no"
                """);
        KProbeSpec k = o.model().spec().kprobes().get(0);
        assertEquals(Boolean.TRUE, k.syscall(), "a null value takes the default, as structural defaulting does");
        assertEquals(List.of("9:13 TP1003 spec.kprobes[0].return: Invalid value: \"no\": must be of type boolean, not string"),
                findings(HEAD + """
                          kprobes:
                          - call: a
                            syscall:
                            return: "no"
                        """));
    }

    @Test
    void yaml11BooleansAreBooleans() {
        // syscall: yes is the boolean true in YAML 1.1, so it is valid
        SchemaOutcome ok = outcome(HEAD + """
                  kprobes:
                  - call: fd_install
                    syscall: no
                    return: yes
                    returnArg: {index: 0, type: int}
                """);
        assertEquals(List.of(), ok.diagnostics());
        assertEquals(Boolean.FALSE, ok.model().spec().kprobes().get(0).syscall());
        // an unquoted yes in a list of strings is a boolean too, and Tetragon rejects it
        List<Diagnostic> bad = outcome(HEAD + """
                  kprobes:
                  - call: sys_write
                    selectors:
                    - matchArgs:
                      - index: 0
                        operator: Equal
                        values: [yes, "no", on]
                """).diagnostics();
        assertEquals(List.of(
                "12:18 TP1003 spec.kprobes[0].selectors[0].matchArgs[0].values[0]: Invalid value: yes: must be of type string, not boolean",
                "12:29 TP1003 spec.kprobes[0].selectors[0].matchArgs[0].values[2]: Invalid value: on: must be of type string, not boolean"),
                bad.stream().map(SchemaValidatorTest::line).toList());
        assertTrue(bad.get(0).hint().contains("quote it (\"yes\")"), bad.get(0).hint());
    }

    @Test
    void tp1001UnknownFieldPointsAtTheKey() {
        List<Diagnostic> d = outcome(HEAD + """
                  kprobes:
                  - call: fd_install
                    selectors:
                    - matchActions:
                      - action: Post
                        argFd: 0
                status: {}
                """).diagnostics();
        assertEquals(List.of(
                "11:9 TP1001 spec.kprobes[0].selectors[0].matchActions[0]: unknown field \"argFd\"",
                "12:1 TP1001 unknown field \"status\""), d.stream().map(SchemaValidatorTest::line).toList());
        assertTrue(d.get(0).hint().contains("argFqdn"), "suggests the closest known field: " + d.get(0).hint());
        assertEquals(List.of("3:1 TP1011 metadata.name: Required value: name or generateName is required", "4:3 TP1001 metadata: unknown field \"nam\""),
                findings("""
                        apiVersion: cilium.io/v1alpha1
                        kind: TracingPolicy
                        metadata:
                          nam: x
                        spec: {}
                        """));
        assertEquals(List.of("7:5 TP1001 spec.kprobes[0]: unknown field \"calls\"", "7:5 TP1002 spec.kprobes[0].call: Required value"),
                findings(HEAD + """
                          kprobes:
                          - calls: x
                        """));
    }

    @Test
    void tp1002RequiredPointsAtTheParentsKey() {
        // a list item: the item itself
        assertEquals(List.of("7:5 TP1002 spec.tracepoints[0].event: Required value"),
                findings(HEAD + """
                          tracepoints:
                          - subsystem: syscalls
                        """));
        // the resource: its first line
        assertEquals(List.of("1:1 TP1002 spec: Required value"), findings("""
                apiVersion: cilium.io/v1alpha1
                kind: TracingPolicy
                metadata: {name: demo}
                """));
        assertEquals(List.of("8:7 TP1002 spec.podSelector.matchExpressions[0].operator: Required value"),
                findings(HEAD + """
                          podSelector:
                            matchExpressions:
                            - key: app
                        """));
    }

    @Test
    void requiredFieldOfAMappingValuePointsAtItsKey() {
        // the object under returnArg lacks index: the finding sits on the returnArg key
        assertEquals(List.of("8:5 TP1002 spec.kprobes[0].returnArg.index: Required value"),
                findings(HEAD + """
                          kprobes:
                          - call: a
                            returnArg: {type: int}
                        """));
    }

    @Test
    void tp1003WrongTypePointsAtTheValue() {
        assertEquals(List.of("8:14 TP1003 spec.kprobes[0].syscall: Invalid value: \"true\": must be of type boolean, not string",
                        "9:11 TP1003 spec.kprobes[0].args: Invalid value: 3: must be of type array, not integer"),
                findings(HEAD + """
                          kprobes:
                          - call: a
                            syscall: "true"
                            args: 3
                        """));
    }

    @Test
    void tp1004UnsupportedValueSuggestsTheSpelling() {
        List<Diagnostic> d = outcome(HEAD + """
                  kprobes:
                  - call: a
                    args:
                    - index: 0
                      type: char_buff
                    selectors:
                    - matchArgs:
                      - index: 0
                        operator: NotSPortPriv
                """).diagnostics();
        assertEquals(List.of("10:13 TP1004 spec.kprobes[0].args[0].type: Unsupported value: \"char_buff\"",
                "14:19 TP1004 spec.kprobes[0].selectors[0].matchArgs[0].operator: Unsupported value: \"NotSPortPriv\""),
                d.stream().map(SchemaValidatorTest::line).toList());
        assertTrue(d.get(0).hint().startsWith("did you mean \"char_buf\"?"), d.get(0).hint());
        assertTrue(d.get(1).hint().startsWith("did you mean \"NotSportPriv\"?"), d.get(1).hint());
    }

    @Test
    void tp1005TooManyItemsPointsAtTheFirstExtraItem() {
        assertEquals(List.of("12:9 TP1005 spec.kprobes[0].selectors[0].matchBinaries: Too many: 2: must have at most 1 items"),
                findings(HEAD + """
                          kprobes:
                          - call: a
                            selectors:
                            - matchBinaries:
                              - operator: In
                                values: [/bin/a]
                              - operator: In
                                values: [/bin/b]
                        """));
        StringBuilder tags = new StringBuilder();
        for (int i = 0; i < 17; i++) {
            tags.append("      - t").append(i).append('\n');
        }
        assertEquals(List.of("25:9 TP1005 spec.kprobes[0].tags: Too many: 17: must have at most 16 items"),
                findings(HEAD + "  kprobes:\n  - call: a\n    tags:\n" + tags));
    }

    @Test
    void tp1006BelowMinimum() {
        assertEquals(List.of("9:14 TP1006 spec.kprobes[0].args[0].index: Invalid value: -1: must be greater than or equal to 0"),
                findings(HEAD + """
                          kprobes:
                          - call: a
                            args:
                            - index: -1
                              type: int
                        """));
    }

    @Test
    void tp1007And1008LabelValues() {
        assertEquals(List.of(
                "8:12 TP1007 spec.podSelector.matchLabels.app: Invalid value: \"my app\": must match the regular expression ^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$",
                "9:13 TP1008 spec.podSelector.matchLabels.long: Too long: may not be more than 63 characters"),
                findings(HEAD + """
                          podSelector:
                            matchLabels:
                              app: my app
                              long: %s
                        """.formatted("a".repeat(64))));
    }

    @Test
    void tp1009IntegerMustFitTheGoType() {
        assertEquals(List.of(
                "11:17 TP1009 spec.kprobes[0].selectors[0].matchActions[0].argSig: Invalid value: -9: does not fit the field's Go type uint32 (0 to 4294967295)",
                "12:19 TP1009 spec.kprobes[0].selectors[0].matchActions[0].argError: Invalid value: 2147483648: does not fit the field's Go type int32 (-2147483648 to 2147483647)",
                "14:18 TP1009 spec.kprobes[0].selectors[0].matchPIDs[0].values[0]: Invalid value: 4294967296: does not fit the field's Go type uint32 (0 to 4294967295)"),
                findings(HEAD + """
                          kprobes:
                          - call: a
                            selectors:
                            - matchActions:
                              - action: Signal
                                argSig: -9
                                argError: 2147483648
                              matchPIDs:
                              - values: [4294967296]
                                operator: In
                        """));
    }

    @Test
    void tp1010ApiVersion() {
        assertEquals(List.of("1:13 TP1010 apiVersion: Unsupported value: \"cilium.io/v1\": must be cilium.io/v1alpha1"),
                findings(HEAD.replace("cilium.io/v1alpha1", "cilium.io/v1") + "  loader: true\n"));
        assertEquals(List.of("1:1 TP1010 apiVersion: Required value"),
                findings(HEAD.substring(HEAD.indexOf('\n') + 1) + "  loader: true\n"));
    }

    @Test
    void tp1011To1016Metadata() {
        assertEquals(List.of("3:1 TP1011 metadata.name: Required value: name or generateName is required"),
                findings("apiVersion: cilium.io/v1alpha1\nkind: TracingPolicy\nmetadata: {labels: {a: b}}\nspec: {}\n"));
        assertEquals(List.of("4:9 TP1012 metadata.name: Invalid value: \"invalid_name\": must be a lower-case RFC 1123 subdomain"),
                findings(HEAD.replace("name: demo", "name: invalid_name") + "  loader: true\n"));
        assertEquals(List.of("3:1 TP1013 metadata.namespace: Required value"),
                findings(HEAD.replace("kind: TracingPolicy", "kind: TracingPolicyNamespaced") + "  loader: true\n"));
        assertEquals(List.of("5:14 TP1014 metadata.namespace: Invalid value: \"Team_A\": must be a lower-case RFC 1123 label"),
                findings(HEAD.replace("kind: TracingPolicy", "kind: TracingPolicyNamespaced")
                        .replace("  name: demo\n", "  name: demo\n  namespace: Team_A\n") + "  loader: true\n"));
        assertEquals(List.of("5:3 TP1015 metadata.namespace: Forbidden: not allowed on this type"),
                findings(HEAD.replace("  name: demo\n", "  name: demo\n  namespace: team-a\n") + "  loader: true\n"));
        assertEquals(List.of(
                "6:5 TP1016 metadata.labels: Invalid value: \"bad key!\": a key name must be at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit",
                "7:9 TP1016 metadata.labels[ok]: Invalid value: \"-x\": a label value must be empty or at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit"),
                findings(HEAD.replace("  name: demo\n", "  name: demo\n  labels:\n    bad key!: v\n    ok: -x\n") + "  loader: true\n"));
    }

    @Test
    void metadataScalarsAreDecodedAsText() {
        // Tetragon's decoder turns a number into the string field's text: name 123 is a valid name
        SchemaOutcome o = outcome(HEAD.replace("name: demo", "name: 123") + "  loader: true\n");
        assertEquals(List.of(), o.diagnostics());
    }

    @Test
    void namespacedKindAcceptsANamespace() {
        SchemaOutcome o = outcome(HEAD.replace("kind: TracingPolicy", "kind: TracingPolicyNamespaced")
                .replace("  name: demo\n", "  name: demo\n  namespace: team-a\n") + "  loader: true\n");
        assertEquals(List.of(), o.diagnostics());
        assertEquals("team-a", o.model().metadata().namespace());
        assertNotNull(o.defaulted());
    }

    @Test
    void missingKindIsReported() {
        assertEquals(List.of("1:1 TP1002 kind: Required value"),
                findings("apiVersion: cilium.io/v1alpha1\nmetadata: {name: a}\nspec: {}\n"));
    }

    @Test
    void extremeNumbersNeverThrow() {
        assertEquals(List.of(
                "9:14 TP1003 spec.kprobes[0].args[0].index: Invalid value: 1e300: must be of type integer, not number",
                "11:14 TP1003 spec.kprobes[0].args[1].index: Invalid value: .inf: must be of type integer, not number",
                "13:14 TP1003 spec.kprobes[0].args[2].index: Invalid value: .nan: must be of type integer, not number",
                "15:14 TP1003 spec.kprobes[0].args[3].index: Invalid value: -99999999999999999999: must be of type integer, not number",
                "17:14 TP1003 spec.kprobes[0].args[4].index: Invalid value: 99999999999999999999: must be of type integer, not number",
                "19:14 TP1009 spec.kprobes[0].args[5].index: Invalid value: 18446744073709551615: does not fit the field's Go type uint32 (0 to 4294967295)",
                "21:14 TP1003 spec.kprobes[0].args[6].index: Invalid value: -9223372036854775809: must be of type integer, not number"),
                findings(HEAD + """
                          kprobes:
                          - call: a
                            args:
                            - index: 1e300
                              type: int
                            - index: .inf
                              type: int
                            - index: .nan
                              type: int
                            - index: -99999999999999999999
                              type: int
                            - index: 99999999999999999999
                              type: int
                            - index: 18446744073709551615
                              type: int
                            - index: -9223372036854775809
                              type: int
                        """));
    }

    @Test
    void aKindOfTheWrongTypeIsNotAlsoMissing() {
        MappingNode root = (MappingNode) new YamlReader().readText(
                "apiVersion: cilium.io/v1alpha1\nkind: [TracingPolicy]\nmetadata: {name: x}\nspec: {}\n", "p.yaml")
                .documents().get(0).root();
        List<String> found = new SchemaValidator().validate(root, null).diagnostics().stream().map(SchemaValidatorTest::line).toList();
        assertEquals(List.of("2:7 TP1003 kind: Invalid value: (array): must be of type string, not array"), found);
    }
}
