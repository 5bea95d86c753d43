package dev.tpc.validate.semantic;

import dev.tpc.diag.Quoted;
import dev.tpc.diag.SemanticRule;
import dev.tpc.diag.SourceSpan;
import dev.tpc.diag.TargetRule;
import dev.tpc.target.Availability;
import dev.tpc.target.Feature;
import dev.tpc.yaml.MappingNode;
import dev.tpc.yaml.ScalarNode;
import java.util.List;
import java.util.Optional;

/** spec.enforcers and the NotifyEnforcer action that feeds them. */
final class EnforcerRules {
    private EnforcerRules() {}

    static void check(Policy policy) {
        List<MappingNode> enforcers = Tree.maps(policy.spec, "enforcers");
        notifyWithoutEnforcer(policy, enforcers);
        if (enforcers.isEmpty()) {
            return;
        }
        if (enforcers.size() > 1) {
            policy.findings.add(SemanticRule.MULTIPLE_ENFORCERS, enforcers.get(1).span(),
                    "a policy has at most one enforcer (\"we support only single enforcer sensor\")",
                    "merge the calls of all enforcers into one entry");
        }
        MappingNode enforcer = enforcers.get(0);
        boolean security = false;
        boolean syscalls = false;
        for (ScalarNode call : Tree.scalars(enforcer, "calls")) {
            String c = Tree.string(call);
            if (c.startsWith("list:")) {
                Optional<MappingNode> list = ListRules.resolve(policy, call);
                if (list.isPresent() && ListRules.isSyscallList(list.get())) {
                    syscalls = true;
                    continue;
                }
                if (list.isPresent()) {
                    for (ScalarNode v : Tree.scalars(list.get(), "values")) {
                        security |= Tree.string(v).startsWith("security_");
                        syscalls |= kind(policy, v) == CallKind.SYSCALL;
                    }
                }
                continue;
            }
            CallKind k = kind(policy, call);
            security |= k == CallKind.SECURITY;
            syscalls |= k == CallKind.SYSCALL;
        }
        SourceSpan calls = enforcer.keySpan("calls");
        policy.findings.lacking(TargetRule.SIGNAL_HELPER, Feature.SIGNAL_HELPER, calls,
                "the enforcer kills with bpf_send_signal, which the target lacks (\"enforcer sensor requires signal helper which is not available\")",
                "these targets cannot enforce; drop them from --target or use another policy there");
        String method = policy.option("override-method").orElse("");
        var methodSpan = Optional.ofNullable(policy.options.get("override-method")).map(o -> o.valueSpan("value")).orElse(calls);
        if (security && method.equals("override-return")) {
            policy.findings.add(SemanticRule.ENFORCER_OVERRIDE_METHOD, methodSpan,
                    "an enforcer on security_ functions must use fmod_ret (\"enforcer: can't override security function with override-return\")",
                    "remove the override-method option or set it to fmod-ret");
            return;
        }
        boolean needsSyscallOverride = syscalls;
        boolean onSecurity = security;
        boolean forcedFmodRet = security || method.equals("fmod-ret");
        policy.findings.onTargets(TargetRule.ENFORCER_OVERRIDE, method.isEmpty() ? calls : methodSpan,
                message(method, security),
                "Debian's kernels lack bpf_override_return; fmod_ret on syscalls exists from 7.2 on. Use a kernel that has one of them, "
                        + "or enforce with Sigkill in the selectors instead",
                Feature.FMODRET_SYSCALL, p -> {
                    Availability ok;
                    if (forcedFmodRet) {
                        ok = onSecurity ? p.has(Feature.FMODRET_SECURITY) : Availability.YES;
                        if (needsSyscallOverride) {
                            ok = Findings.and(ok, p.has(Feature.FMODRET_SYSCALL));
                        }
                    } else if (method.equals("override-return")) {
                        ok = p.has(Feature.OVERRIDE_HELPER);
                    } else {
                        ok = Findings.or(p.has(Feature.OVERRIDE_HELPER), p.has(Feature.FMODRET_SYSCALL));
                    }
                    return Findings.not(ok);
                });
    }

    private static String message(String method, boolean security) {
        if (method.equals("override-return")) {
            return "override-method is override-return, but the target lacks bpf_override_return (\"option override return set, but it is not supported\")";
        }
        if (method.equals("fmod-ret") || security) {
            return "the enforcer needs fmod_ret on its functions, which the target does not allow (\"option fmod_ret set, but it is not supported\")";
        }
        return "the enforcer needs bpf_override_return or fmod_ret on syscalls, and the target has neither "
                + "(\"no override helper or mod_ret support: cannot load enforcer\")";
    }

    enum CallKind { SYSCALL, SECURITY, OTHER }

    /** What Tetragon's enforcer accepts: an arch-prefixed or sys_ syscall, or a security_ function. */
    static CallKind kind(Policy policy, ScalarNode call) {
        String c = Tree.string(call);
        CallKind k = c.startsWith("security_") ? CallKind.SECURITY
                : c.startsWith("sys_") || c.startsWith("__x64_") || c.startsWith("__arm64_") || c.startsWith("__ia32_") ? CallKind.SYSCALL
                : CallKind.OTHER;
        if (k == CallKind.OTHER) {
            policy.findings.add(SemanticRule.ENFORCER_CALL_KIND, call.span(),
                    "enforcer call '" + Quoted.text(c) + "' is neither a syscall nor a security_ function "
                            + "(\"enforcer sensor requires either syscall or security_ functions and symbol '" + Quoted.text(c) + "' appears to be neither\")",
                    "name the syscall as sys_NAME, or a security_ LSM function");
        }
        return k;
    }

    private static void notifyWithoutEnforcer(Policy policy, List<MappingNode> enforcers) {
        if (!enforcers.isEmpty()) {
            return;
        }
        for (Hook h : policy.hooks) {
            for (Selector s : h.selectors()) {
                for (MappingNode a : s.entries("matchActions")) {
                    if (Policy.action(a).equals("notifyenforcer")) {
                        policy.findings.add(SemanticRule.NOTIFY_ENFORCER_WITHOUT_ENFORCER, a.valueSpan("action"),
                                "NotifyEnforcer needs an enforcer, but spec.enforcers is empty "
                                        + "(\"NotifyEnforcer action specified, but spec contains no enforcers\")",
                                "add spec.enforcers with the calls to enforce, or use Sigkill/Override here");
                    }
                }
            }
        }
    }
}
