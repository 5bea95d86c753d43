package dev.tpc.validate.semantic;

import dev.tpc.diag.Quoted;
import dev.tpc.diag.SemanticRule;
import dev.tpc.diag.TargetRule;
import dev.tpc.target.Feature;
import dev.tpc.yaml.YamlNode;

/** LSM hooks: hook name, BPF LSM on the target, arguments, return selectors. */
final class LsmRules {
    private LsmRules() {}

    static void check(Policy policy, Hook hook) {
        String name = Tree.text(hook.node(), "hook");
        var span = hook.node().valueSpan("hook");
        if (name.isEmpty()) {
            policy.findings.add(SemanticRule.TRACEPOINT_NAME_EMPTY, span, "the LSM hook name is empty (\"lsm hook name is empty\")",
                    "name the hook without its security_ prefix, e.g. file_open");
            return;
        }
        policy.findings.onTargets(TargetRule.BPF_LSM, span,
                "LSM hooks need BPF LSM and large programs, which the target does not offer (\"does you kernel support the bpf LSM?\")",
                "enable CONFIG_BPF_LSM and boot with lsm=...,bpf, or use a kprobe on security_" + Quoted.text(name), Feature.BPF_LSM,
                p -> Findings.not(Findings.and(p.has(Feature.BPF_LSM), p.has(Feature.LARGE_PROGRAMS))));
        policy.findings.onTargets(TargetRule.BPF_LSM_BOOT_PARAMETER, span,
                "BPF LSM is built into the target but not in its default LSM list, so this hook works only when the kernel is booted with lsm=...,bpf",
                "add bpf to the lsm= kernel parameter (e.g. GRUB_CMDLINE_LINUX=\"lsm=...,bpf\") on these nodes", Feature.BPF_LSM_BY_DEFAULT,
                p -> Findings.and(p.has(Feature.BPF_LSM), Findings.not(p.has(Feature.BPF_LSM_BY_DEFAULT))));
        for (HookArg a : hook.args()) {
            if (a.index() > 4) {
                policy.findings.add(SemanticRule.ARG_INDEX_OUT_OF_BOUNDS, a.node().valueSpan("index"),
                        "args[" + a.position() + "] reads hook argument " + a.index() + ", but only arguments 0 to 4 can be read "
                                + "(\"args[" + a.position() + "]: arg type " + a.type() + " index " + a.index() + " out of bounds\")",
                        "index counts the hook's parameters from 0");
            }
        }
        for (Selector s : hook.selectors()) {
            YamlNode ret = s.field("matchReturnArgs");
            if (ret != null && !s.entries("matchReturnArgs").isEmpty()) {
                policy.findings.add(SemanticRule.RETURN_ARGS_ON_LSM, ret.span(),
                        "LSM hooks have no return selectors (\"MatchReturnArgs selector is not supported\")",
                        "remove matchReturnArgs; an LSM hook's verdict is set with Override");
            }
        }
    }
}
