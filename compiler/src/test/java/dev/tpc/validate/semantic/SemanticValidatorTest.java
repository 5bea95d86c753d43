package dev.tpc.validate.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.diag.Diagnostic;
import dev.tpc.target.Arch;
import dev.tpc.target.TargetProfiles;
import dev.tpc.target.Targets;
import dev.tpc.validate.DocumentVerdict;
import dev.tpc.validate.PolicyValidator;
import dev.tpc.yaml.YamlReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SemanticValidatorTest {
    private static final String HEAD = "apiVersion: cilium.io/v1alpha1\nkind: TracingPolicy\nmetadata:\n  name: t\nspec:\n";

    private static DocumentVerdict check(String spec, Arch arch) {
        var doc = new YamlReader().readText(HEAD + spec, "p.yaml").documents().get(0);
        return new PolicyValidator(new Targets(TargetProfiles.all(), arch)).validate(doc);
    }

    private static List<String> codes(DocumentVerdict v) {
        return v.diagnostics().stream().map(d -> d.code() + d.targets()).toList();
    }

    private static final String SECURITY_OVERRIDE = """
              kprobes:
              - call: "security_file_open"
                syscall: false
                selectors:
                - matchActions:
                  - action: Override
                    argError: -1
            """;

    @Test
    void overrideOnSecurityHooksFailsOnlyWhereKprobeMultiIsUsed() {
        DocumentVerdict v = check(SECURITY_OVERRIDE, Arch.X86_64);
        assertEquals(List.of("TP4003[6.12, 7.2]"), codes(v));
        assertEquals(Map.of("5.10", true, "6.1", true, "6.12", false, "7.2", false), v.accepted());
    }

    @Test
    void theOptionThatDisablesKprobeMultiMakesItWork() {
        DocumentVerdict v = check("  options:\n  - name: disable-kprobe-multi\n    value: \"true\"\n" + SECURITY_OVERRIDE, Arch.X86_64);
        assertEquals(List.of(), codes(v));
    }

    @Test
    void onArm64TetragonTurnsKprobeMultiOffForOverride() {
        assertEquals(List.of(), codes(check(SECURITY_OVERRIDE, Arch.ARM64)));
    }

    @Test
    void syscallsGetTheArchitecturesPrefix() {
        String spec = "  kprobes:\n  - call: sys_linkat\n    selectors:\n    - matchActions:\n      - action: Override\n        argError: -1\n";
        Diagnostic x86 = check(spec, Arch.X86_64).diagnostics().get(0);
        Diagnostic arm = check(spec, Arch.ARM64).diagnostics().get(0);
        assertTrue(x86.message().contains("__x64_sys_linkat"), x86.message());
        assertTrue(arm.message().contains("__arm64_sys_linkat"), arm.message());
        assertEquals(List.of(), x86.targets(), "on every target: no target list");
    }

    @Test
    void anUnmeasuredFeatureGivesANoteNotAnError() {
        String spec = "  uprobes:\n  - path: /usr/bin/app\n    symbols: [check]\n    selectors:\n    - matchActions:\n      - action: Override\n        argError: -1\n";
        DocumentVerdict v = check(spec, Arch.X86_64);
        assertEquals(List.of("TP4099[]"), codes(v));
        assertTrue(v.accepted().values().stream().allMatch(Boolean::booleanValue));
    }

    @Test
    void aDefaultedFieldIsNotPointedAt() {
        // syscall: true comes from the CRD default, so the warning points at the call the user wrote
        DocumentVerdict v = check("  kprobes:\n  - call: fd_install\n", Arch.X86_64);
        Diagnostic d = v.diagnostics().get(0);
        assertEquals("TP5020", d.code());
        assertEquals(7, d.span().line());
        assertEquals(11, d.span().column());
    }

    @Test
    void macrosAreMergedBeforeTheRulesRun() {
        String spec = """
                  selectorsMacros:
                    kill:
                      matchActions:
                      - action: Sigkill
                        rateLimit: 1m
                  kprobes:
                  - call: sys_openat
                    selectors:
                    - macros: [kill]
                """;
        DocumentVerdict v = check(spec, Arch.X86_64);
        assertEquals(List.of("TP3203[]"), codes(v));
        assertEquals(10, v.diagnostics().get(0).span().line(), "the finding points into the macro definition");
    }

    @Test
    void tracepointFieldsAreCheckedAgainstEachTargetsFormat() {
        String spec = "  tracepoints:\n  - subsystem: raw_syscalls\n    event: sys_enter\n    args:\n    - index: 4\n      type: syscall64\n"
                + "    selectors:\n    - matchArgs:\n      - index: 4\n        operator: InMap\n        values: [\"0:10\"]\n";
        assertEquals(List.of(), codes(check(spec, Arch.X86_64)));
        String beyond = spec.replace("index: 4\n      type", "index: 9\n      type").replace("- index: 4\n        operator", "- index: 9\n        operator");
        assertEquals(List.of("TP4024[]"), codes(check(beyond, Arch.X86_64)));
    }

    @Test
    void aReturnArgTypeFindingPointsAtTheTypeAsWritten() {
        String spec = "  kprobes:\n  - call: sys_openat\n    return: true\n    returnArg:\n      index: 0\n      type: auto\n";
        Diagnostic d = check(spec, Arch.X86_64).diagnostics().get(0);
        assertEquals("TP3110", d.code());
        assertEquals(11, d.span().line());
        assertEquals(13, d.span().column(), "the value auto, as for an args entry (TP3101), not the key");
    }
}
