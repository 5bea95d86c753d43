package dev.tpc.validate.semantic;

import dev.tpc.diag.LintRule;
import dev.tpc.diag.Quoted;
import dev.tpc.diag.SemanticRule;
import dev.tpc.diag.TargetRule;
import dev.tpc.target.Availability;
import dev.tpc.target.Feature;
import dev.tpc.yaml.MappingNode;
import dev.tpc.yaml.ScalarNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** kprobes and fentries: Tetragon's pre-validation and per-symbol build rules. */
final class KprobeRules {
    private KprobeRules() {}

    /** One function a kprobe attaches to, after list expansion and the syscall prefix. */
    record Symbol(String name, boolean syscall, ScalarNode source) {}

    static void check(Policy policy, Hook hook) {
        List<Symbol> symbols = symbols(policy, hook);
        ArgRules.kernelArgs(policy, hook);
        returnArg(policy, hook);
        enforcement(policy, hook, symbols);
        if (hook.kind() == HookKind.FENTRY) {
            policy.findings.lacking(TargetRule.FENTRY_PROGRAMS, Feature.FENTRY, hook.node().keySpan("call"),
                    "fentry programs are not available on the target", "use kprobes instead of fentries");
        }
    }

    /** The symbols of a hook; reports list and syscall-flag problems. */
    static List<Symbol> symbols(Policy policy, Hook hook) {
        Optional<ScalarNode> call = Tree.scalar(hook.node(), "call");
        if (call.isEmpty()) {
            return List.of();
        }
        String c = Tree.string(call.get());
        boolean syscall = Tree.bool(hook.node(), "syscall", true);
        List<Symbol> out = new ArrayList<>();
        if (c.startsWith("list:")) {
            Optional<MappingNode> list = ListRules.resolve(policy, call.get());
            if (list.isEmpty()) {
                return out;
            }
            boolean syscallList = ListRules.isSyscallList(list.get());
            if (!syscallList && syscall) {
                policy.findings.add(LintRule.SYSCALL_FLAG_ON_FUNCTION_LIST, Tree.written(hook.node(), "syscall")
                                ? hook.node().valueSpan("syscall") : call.get().span(),
                        "list '" + Quoted.text(c.substring(5)) + "' holds kernel functions, but syscall is true (the default), "
                                + "so Tetragon reads their arguments with the syscall calling convention",
                        "add syscall: false to this kprobe");
            }
            for (ScalarNode v : Tree.scalars(list.get(), "values")) {
                String name = Tree.string(v);
                out.add(syscallList ? new Symbol(prefixed(policy, name), true, call.get()) : new Symbol(name, syscall, call.get()));
            }
            return out;
        }
        if (syscall && hook.kind() == HookKind.KPROBE && !looksLikeSyscall(c)) {
            policy.findings.add(LintRule.CALL_NOT_A_SYSCALL, call.get().span(),
                    "'" + Quoted.text(c) + "' does not look like a syscall, but syscall is true (the CRD default), so Tetragon looks for "
                            + policy.arch().syscallPrefix() + Quoted.text(c) + " and fails if the kernel has no such function",
                    "add syscall: false for a kernel function");
        }
        out.add(new Symbol(syscall ? prefixed(policy, c) : c, syscall, call.get()));
        return out;
    }

    static boolean looksLikeSyscall(String c) {
        return c.startsWith("sys_") || c.startsWith("__x64_sys_") || c.startsWith("__arm64_sys_") || c.startsWith("__ia32_sys_")
                || c.startsWith("compat_sys_") || c.startsWith("__se_sys_") || c.startsWith("__do_sys_");
    }

    /** The arch prefix Tetragon adds to a syscall name (sys_write → __x64_sys_write). */
    static String prefixed(Policy policy, String name) {
        if (name.startsWith("__x64_") || name.startsWith("__arm64_") || name.startsWith("__ia32_")) {
            return name;
        }
        int slash = name.indexOf('/');
        if (slash > 0) {
            String abi = name.substring(0, slash);
            String rest = name.substring(slash + 1);
            return switch (abi) {
                case "i386" -> "__ia32_" + rest;
                case "arm32" -> "__arm64_compat_" + rest;
                case "arm64" -> "__arm64_" + rest;
                default -> "__x64_" + rest;
            };
        }
        return policy.arch().syscallPrefix() + name;
    }

    private static void returnArg(Policy policy, Hook hook) {
        if (hook.hasReturn()) {
            hook.returnArg().ifPresent(r -> {
                if (r.type().equals("auto") || r.type().equals("syscall64")) {
                    policy.findings.add(SemanticRule.RETURN_ARG_TYPE, ArgRules.typeSpan(r),
                            "returnArg has type '" + r.type() + "', which kprobes cannot read (\"ReturnArg type '" + r.type() + "' unsupported\")",
                            "give returnArg an explicit type, e.g. int for a syscall's return value");
                }
            });
        }
        Optional<ScalarNode> action = Tree.scalar(hook.node(), "returnArgAction");
        if (action.isPresent() && !Tree.string(action.get()).isEmpty()) {
            String a = Tree.string(action.get());
            if (!a.equals("TrackSock") && !a.equals("UntrackSock")) {
                policy.findings.add(SemanticRule.RETURN_ARG_ACTION, action.get().span(),
                        "returnArgAction '" + Quoted.text(a) + "' is not supported (\"ReturnArgAction type '" + a
                                + "' unsupported; omit returnArgAction or use 'TrackSock'/'UntrackSock'\")",
                        "use TrackSock or UntrackSock, or remove returnArgAction");
            }
            policy.findings.lacking(TargetRule.LARGE_PROGRAMS, Feature.LARGE_PROGRAMS, action.get().span(),
                    "returnArgAction needs large BPF programs (\"ReturnArgAction requires kernel >=5.3\")",
                    "remove returnArgAction for these targets");
        }
    }

    private static void enforcement(Policy policy, Hook hook, List<Symbol> symbols) {
        for (Selector s : hook.selectors()) {
            for (MappingNode a : s.entries("matchActions")) {
                String action = Policy.action(a);
                var span = a.valueSpan("action");
                if (hook.kind() == HookKind.FENTRY && Policy.ENFORCEMENT_ACTIONS.contains(action)) {
                    policy.findings.add(SemanticRule.FENTRY_ENFORCEMENT, span,
                            "fentry hooks cannot enforce (\"enforcement is not supported for fentry yet\")",
                            "move this hook to kprobes to use " + Tree.text(a, "action"));
                    continue;
                }
                if (action.equals("sigkill")) {
                    policy.findings.lacking(TargetRule.LARGE_PROGRAMS, Feature.LARGE_PROGRAMS, span,
                            "Sigkill needs large BPF programs (\"sigkill action requires kernel >= 5.3.0\")", "use Post on these targets");
                }
                if (action.equals("override") && hook.kind() == HookKind.KPROBE) {
                    for (Symbol sym : symbols) {
                        override(policy, sym, span);
                    }
                }
            }
        }
    }

    private static void override(Policy policy, Symbol sym, dev.tpc.diag.SourceSpan span) {
        String plain = sym.name();
        if (sym.syscall()) {
            policy.findings.lacking(TargetRule.OVERRIDE_SYSCALL_HELPER, Feature.OVERRIDE_HELPER, span,
                    "Override on syscall " + Quoted.text(plain) + " needs the bpf_override_return helper, which the target lacks "
                            + "(\"override action not supported on syscalls, bpf_override_return helper not available\")",
                    "the kernel needs CONFIG_BPF_KPROBE_OVERRIDE (Debian's kernels lack it); on these targets use Sigkill, "
                            + "or Override on the security_ hook that guards the operation");
            return;
        }
        if (!plain.startsWith("security_")) {
            policy.findings.add(SemanticRule.OVERRIDE_TARGET, span,
                    "Override on " + Quoted.text(plain) + ", which is neither a syscall nor a security_ function "
                            + "(\"override action can be used only with syscalls and security_ hooks\")",
                    "override the syscall or the security_ hook that guards the operation, or use Sigkill");
            return;
        }
        policy.findings.lacking(TargetRule.OVERRIDE_SECURITY_FMODRET, Feature.FMODRET_SECURITY, span,
                "Override on " + Quoted.text(plain) + " needs fmod_ret, which the target lacks "
                        + "(\"override action not supported on security_ hooks, fmod_ret not available\")",
                "use Sigkill on these targets, or an LSM hook with Override");
        if (policy.kprobeMultiAllowedByPolicy()) {
            policy.findings.onTargets(TargetRule.OVERRIDE_SECURITY_KPROBE_MULTI, span,
                    "Override on " + Quoted.text(plain) + " cannot work with kprobe_multi, which Tetragon uses on the target "
                            + "(\"can't override '" + Quoted.text(plain) + "' function with kprobe_multi, use --disable-kprobe-multi option\")",
                    "add to spec.options: {name: disable-kprobe-multi, value: \"true\"}", Feature.KPROBE_MULTI,
                    p -> Findings.and(p.has(Feature.KPROBE_MULTI), p.has(Feature.FMODRET_SECURITY)));
        }
    }

    /** The same symbol twice is refused when kprobe_multi attaches them. */
    static void checkPolicyWide(Policy policy) {
        if (policy.kind != HookKind.KPROBE || !policy.kprobeMultiAllowedByPolicy()) {
            return;
        }
        Map<String, Symbol> seen = new LinkedHashMap<>();
        for (Hook h : policy.hooks) {
            if (h.kind() != HookKind.KPROBE) {
                continue;
            }
            for (Symbol s : symbolsQuietly(policy, h)) {
                Symbol first = seen.putIfAbsent(s.name(), s);
                if (first != null) {
                    policy.findings.onTargets(TargetRule.DUPLICATE_SYMBOL_KPROBE_MULTI, s.source().span(),
                            Quoted.text(s.name()) + " is hooked more than once, which kprobe_multi cannot do (\"error: can't have multiple instances of same symbol '"
                                    + Quoted.text(s.name()) + "' with kprobe_multi, use --disable-kprobe-multi option\")",
                            "merge the selectors of both kprobes into one, or add to spec.options: {name: disable-kprobe-multi, value: \"true\"}",
                            Feature.KPROBE_MULTI, p -> p.has(Feature.KPROBE_MULTI));
                }
            }
        }
    }

    private static List<Symbol> symbolsQuietly(Policy policy, Hook hook) {
        Findings silent = new Findings(policy.targets);
        Policy quiet = new Policy(policy.spec, policy.namespaced, policy.targets, silent);
        quiet.kind = policy.kind;
        quiet.hooks = policy.hooks;
        return symbols(quiet, hook);
    }

}
