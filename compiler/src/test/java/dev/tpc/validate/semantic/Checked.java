package dev.tpc.validate.semantic;

import dev.tpc.diag.Diagnostic;
import dev.tpc.target.Arch;
import dev.tpc.target.TargetProfiles;
import dev.tpc.target.Targets;
import dev.tpc.validate.PolicyValidator;
import dev.tpc.yaml.YamlReader;
import java.util.List;

/** Rule tests' shorthand: the findings of a one-document policy, on every named target, x86_64. */
final class Checked {
    static final String HEAD = """
            apiVersion: cilium.io/v1alpha1
            kind: TracingPolicy
            metadata:
              name: t
            spec:
            """;

    private Checked() {}

    static List<Diagnostic> findings(String policy) {
        var doc = new YamlReader().readText(policy, "p.yaml").documents().get(0);
        return new PolicyValidator(new Targets(TargetProfiles.all(), Arch.X86_64)).validate(doc).diagnostics();
    }

    /** Each finding as its code followed by its target list ({@code TP3235[]} on every target). */
    static List<String> codesWithTargets(String policy) {
        return findings(policy).stream().map(d -> d.code() + d.targets()).toList();
    }

    static List<String> codes(String policy) {
        return findings(policy).stream().map(Diagnostic::code).toList();
    }
}
