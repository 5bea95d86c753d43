package dev.tpc.validate.semantic;

import dev.tpc.diag.Diagnostic;
import dev.tpc.target.Targets;
import dev.tpc.yaml.MappingNode;
import java.util.List;

/**
 * Layers c to f of validation: Tetragon's semantic rules and limits, per target kernel and
 * architecture, and the warnings for what Tetragon accepts but cannot work. Runs on a document
 * the schema layer accepted.
 */
public final class SemanticValidator {
    public List<Diagnostic> validate(MappingNode document, Targets targets) {
        String kind = Tree.text(document, "kind");
        MappingNode spec = Tree.map(document, "spec").orElse(null);
        if (spec == null) {
            return List.of();
        }
        Findings findings = new Findings(targets);
        Policy policy = new Policy(spec, "TracingPolicyNamespaced".equals(kind), targets, findings);
        PolicyRules.check(policy);
        for (Hook hook : policy.hooks) {
            switch (hook.kind()) {
                case KPROBE, FENTRY -> KprobeRules.check(policy, hook);
                case TRACEPOINT -> TracepointRules.check(policy, hook);
                case LSM -> LsmRules.check(policy, hook);
                case UPROBE, USDT -> UprobeRules.check(policy, hook);
            }
            HookCommonRules.check(policy, hook);
            for (Selector s : hook.selectors()) {
                SelectorRules.check(policy, hook, s);
                ActionRules.check(policy, hook, s);
                ArgFilterRules.check(policy, hook, s);
            }
            ArgFilterRules.checkHookWide(policy, hook);
        }
        KprobeRules.checkPolicyWide(policy);
        UprobeRules.checkPolicyWide(policy);
        return findings.all();
    }
}
