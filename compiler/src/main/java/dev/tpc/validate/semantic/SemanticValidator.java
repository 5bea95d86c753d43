package dev.tpc.validate.semantic;

import dev.tpc.diag.Diagnostic;
import dev.tpc.model.TracingPolicy;
import dev.tpc.target.Targets;
import dev.tpc.yaml.MappingNode;
import java.util.List;

/**
 * Layers c to f of validation: Tetragon's semantic rules and limits, per target kernel and
 * architecture, and the warnings for what Tetragon accepts but cannot work. Runs on a document
 * the schema layer accepted.
 */
public final class SemanticValidator {
    /**
     * @param policy  the typed policy the schema layer bound (from the defaulted document); rules
     *                read its YAML nodes so that every finding points at what the user wrote
     * @param targets the target kernels and architecture
     */
    public List<Diagnostic> validate(TracingPolicy policy, Targets targets) {
        if (policy == null || policy.spec() == null || policy.spec().node() == null) {
            return List.of();
        }
        String kind = policy.kind();
        MappingNode spec = policy.spec().node();
        Findings findings = new Findings(targets);
        Policy context = new Policy(spec, "TracingPolicyNamespaced".equals(kind), targets, findings);
        return check(context);
    }

    private static List<Diagnostic> check(Policy policy) {
        Findings findings = policy.findings;
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
