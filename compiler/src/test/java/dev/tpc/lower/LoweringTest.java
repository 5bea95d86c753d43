package dev.tpc.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.model.TracingPolicy;
import dev.tpc.target.Arch;
import dev.tpc.target.TargetProfiles;
import dev.tpc.yaml.ParsedFile;
import dev.tpc.yaml.YamlReader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Lowering of policies written here, one Tetragon rule at a time. */
class LoweringTest {

    static LoweredPolicy lower(String spec, LoweringTarget target) {
        String yaml = "apiVersion: cilium.io/v1alpha1\nkind: TracingPolicy\nmetadata:\n  name: t\nspec:\n"
                + spec.indent(2);
        ParsedFile parsed = new YamlReader().readText(yaml, "t.yaml");
        assertTrue(parsed.diagnostics().isEmpty(), parsed.diagnostics().toString());
        return Lowering.lower(TracingPolicy.from(parsed.documents().get(0).root()), target);
    }

    static LoweredPolicy lower(String spec) {
        return lower(spec, LoweringTarget.of(TargetProfiles.named("6.1").orElseThrow()));
    }

    static AttachPoint only(LoweredPolicy p) {
        assertEquals(List.of(), p.problems());
        assertEquals(1, p.attachPoints().size());
        return p.attachPoints().get(0);
    }

    static String problem(LoweredPolicy p) {
        assertEquals(1, p.problems().size(), p.problems().toString());
        return p.problems().get(0).message();
    }

    @Test
    void syscallsGetTheArchitecturesPrefix() {
        String spec = """
                kprobes:
                - call: sys_write
                - call: do_sys_open
                  syscall: false
                """;
        LoweredPolicy x86 = lower(spec, new LoweringTarget("x", Arch.X86_64, Optional.empty()));
        assertEquals(List.of("__x64_sys_write", "do_sys_open"), x86.attachPoints().stream().map(AttachPoint::name).toList());
        assertTrue(x86.attachPoints().get(0).syscall());
        assertTrue(!x86.attachPoints().get(1).syscall());
        LoweredPolicy arm = lower(spec, new LoweringTarget("a", Arch.ARM64, Optional.empty()));
        assertEquals("__arm64_sys_write", arm.attachPoints().get(0).name());
    }

    @Test
    void listsExpandOrStayForTheNode() {
        LoweredPolicy p = lower("""
                lists:
                - name: dups
                  type: syscalls
                  values: [sys_dup, "__x64_sys_dup2"]
                - name: all
                  type: generated_syscalls
                kprobes:
                - call: "list:dups"
                  syscall: false
                - call: "list:all"
                """);
        assertEquals(List.of(), p.problems());
        assertEquals(List.of("__x64_sys_dup", "__x64_sys_dup2", "list:all"), p.attachPoints().stream().map(AttachPoint::name).toList());
        assertTrue(p.attachPoints().get(0).syscall(), "a syscalls list forces syscall: true");
        assertEquals(new AttachTarget.NodeGeneratedFunctions("all", "generated_syscalls", ""), p.attachPoints().get(2).target());
        assertEquals("list 'list:nope' not found", problem(lower("kprobes:\n- call: \"list:nope\"\n")));
        assertEquals("expecting __x64_ and got __ia32_", problem(lower("""
                lists:
                - {name: d, type: syscalls, values: [__ia32_sys_dup]}
                kprobes:
                - call: "list:d"
                """)));
    }

    @Test
    void argumentTableAndFilterPositions() {
        AttachPoint ap = only(lower("""
                kprobes:
                - call: security_file_open
                  syscall: false
                  args:
                  - {index: 3, type: int}
                  - {index: 0, type: file, label: f}
                  data:
                  - {index: 0, type: string, source: current_task, resolve: comm}
                  selectors:
                  - matchArgs:
                    - {index: 0, operator: Prefix, values: [/etc/]}
                    - {index: 3, operator: GT, values: ["0x10"]}
                    matchData:
                    - {index: 0, operator: Equal, values: [bash]}
                """));
        assertEquals(List.of(3, 0, 0), ap.args().stream().map(Arg::index).toList());
        assertEquals(Arg.Role.DATA, ap.args().get(2).role());
        assertEquals(Arg.META_CURRENT_TASK, ap.args().get(2).meta());
        assertEquals(Optional.of("comm"), ap.args().get(2).resolve());
        List<ArgFilter> f = ap.selectors().get(0).args();
        assertEquals(List.of(1, 0, 2), f.stream().map(ArgFilter::position).toList());
        assertEquals(new FilterValues.Ints(List.of(16L), 4), f.get(1).values());
        assertEquals(new FilterValues.Strings(List.of(Bytes.utf8("bash"))), f.get(2).values());
        assertEquals("parseMatchArgs  error: argFilter for unknown index", problem(lower("""
                kprobes:
                - call: f
                  syscall: false
                  args: [{index: 1, type: int}]
                  selectors:
                  - matchArgs: [{index: 0, operator: Equal, values: ["1"]}]
                """)));
    }

    @Test
    void returnSelectorsOnlyWithReturnTrue() {
        String spec = """
                kprobes:
                - call: f
                  syscall: false
                  return: %s
                  returnArg: {index: 0, type: int}
                  selectors:
                  - matchReturnArgs: [{index: 0, operator: Equal, values: ["-1"]}]
                    matchReturnActions: [{action: Post}]
                """;
        AttachPoint on = only(lower(spec.formatted("true")));
        assertEquals(Optional.of(ArgType.INT), on.returnArgType());
        assertEquals(new FilterValues.Ints(List.of(0xFFFF_FFFFL), 4), on.selectors().get(0).returnArgs().get(0).values());
        AttachPoint off = only(lower(spec.formatted("false")));
        assertTrue(off.selectors().get(0).returnArgs().isEmpty());
        assertTrue(!off.hasReturnSelectors());
    }

    @Test
    void processFiltersAndNodeFacts() {
        AttachPoint ap = only(lower("""
                kprobes:
                - call: f
                  syscall: false
                  selectors:
                  - matchNamespaces:
                    - {namespace: Pid, operator: In, values: [host_ns, "4026531836"]}
                    matchCapabilities:
                    - {operator: In, isNamespaceCapability: true, values: [cap_sys_admin, " DAC_OVERRIDE "]}
                    matchNamespaceChanges:
                    - {operator: NotIn, values: [Mnt, uts]}
                    matchBinaries:
                    - {operator: In, values: []}
                """));
        Selector s = ap.selectors().get(0);
        assertEquals(List.of(new NamespaceFilter.HostNamespace(), new NamespaceFilter.Inode(4026531836L)), s.namespaces().get(0).values());
        assertEquals(CapabilitySet.EFFECTIVE, s.capabilities().get(0).set(), "Effective is the CRD default");
        assertEquals((1L << 21) | 2L, s.capabilities().get(0).mask());
        assertEquals(0b101, s.namespaceChanges().get(0).mask());
        assertTrue(s.binaries().isEmpty(), "matchBinaries without values is dropped");
        assertEquals(List.of(new NodeFact.HostNamespaceInode(Namespace.PID), new NodeFact.HostUserNamespaceInode()), ap.nodeFacts());
    }

    @Test
    void valuesParsedPerOperator() {
        AttachPoint ap = only(lower("""
                kprobes:
                - call: f
                  syscall: false
                  args:
                  - {index: 0, type: sock}
                  - {index: 1, type: uint32}
                  - {index: 2, type: int64}
                  - {index: 3, type: string}
                  selectors:
                  - matchArgs:
                    - {index: 0, operator: Protocol, values: [IPPROTO_TCP, "17", "20:22"]}
                    - {index: 1, operator: InMap, values: ["1", "5:3"]}
                    - {index: 2, operator: InRange, values: ["-1:0x10"]}
                    - {index: 3, operator: Postfix, values: ["abc\\u0000"]}
                    - {index: 0, operator: NotDAddr, values: [10.0.0.0/8, "::1"]}
                """));
        List<ArgFilter> f = ap.selectors().get(0).args();
        assertEquals(new FilterValues.ValueSet(List.of(new FilterValues.Single(6), new FilterValues.Single(17),
                new FilterValues.Range(20, 22)), false), f.get(0).values());
        assertEquals(new FilterValues.ValueSet(List.of(new FilterValues.Single(1), new FilterValues.Range(5, 3)), false), f.get(1).values());
        assertEquals(new FilterValues.Ranges(List.of(new FilterValues.Bound(-1, 16)), 8), f.get(2).values());
        assertEquals(new FilterValues.Postfixes(List.of(Bytes.utf8("abc"))), f.get(3).values(), "trailing NUL trimmed");
        assertEquals(2, ((FilterValues.Addresses) f.get(4).values()).values().size());
        assertEquals("parseMatchArgs  error: writeMatchRangesInMap error: MatchArgs value 0x1 invalid: "
                + "strconv.ParseUint: parsing \"0x1\": invalid syntax", problem(lower("""
                kprobes:
                - call: f
                  syscall: false
                  args: [{index: 0, type: uint32}]
                  selectors:
                  - matchArgs: [{index: 0, operator: InMap, values: ["0x1"]}]
                """)));
    }

    @Test
    void actions() {
        AttachPoint ap = only(lower("""
                kprobes:
                - call: f
                  syscall: false
                  selectors:
                  - matchActions:
                    - {action: Post, rateLimit: 2m, rateLimitScope: process, kernelStackTrace: true}
                    - {action: override, argError: -13}
                    - {action: NotifyEnforcer, argError: -1, argSig: 9}
                """));
        assertEquals(List.of(new Action.Post(120_000, 1, true, false, false), new Action.Override(-13),
                new Action.NotifyEnforcer(-1, 9, Action.NotifyEnforcer.NO_ARG_INDEX)), ap.selectors().get(0).actions());
        assertEquals("parseMatchActions error: rate limiting can only applied to post action (was applied to 'Sigkill')",
                problem(lower("kprobes:\n- call: f\n  syscall: false\n  selectors:\n  - matchActions: [{action: Sigkill, rateLimit: 1s}]\n")));
    }

    @Test
    void macrosMergeIntoSelectors() {
        AttachPoint ap = only(lower("""
                selectorsMacros:
                  mine:
                    matchPIDs: [{operator: NotIn, values: [1]}]
                    label: from-macro
                kprobes:
                - call: f
                  syscall: false
                  selectors:
                  - macros: [mine]
                    matchActions: [{action: Sigkill}]
                """));
        assertEquals(1, ap.selectors().get(0).pids().size());
        assertEquals(List.of(new Action.Sigkill()), ap.selectors().get(0).actions());
        assertTrue(problem(lower("""
                selectorsMacros:
                  mine: {matchPIDs: [{operator: NotIn, values: [1]}]}
                kprobes:
                - call: f
                  syscall: false
                  selectors:
                  - macros: [mine]
                    matchPIDs: [{operator: In, values: [2]}]
                """)).endsWith("field is defined in multiple macros and/or policy selectors"));
        assertEquals("append macros selectors: undefined macro 'other'", problem(lower("""
                selectorsMacros:
                  mine: {matchPIDs: [{operator: NotIn, values: [1]}]}
                kprobes:
                - call: f
                  selectors: [{macros: [other]}]
                """)));
    }
}
