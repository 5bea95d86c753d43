package dev.tpc.validate.semantic;

import dev.tpc.diag.LintRule;
import dev.tpc.diag.Quoted;
import dev.tpc.diag.SemanticRule;
import dev.tpc.diag.TargetRule;
import dev.tpc.target.Feature;
import dev.tpc.yaml.MappingNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** matchActions and matchReturnActions. */
final class ActionRules {
    private static final Set<String> IMA_HOOKS = Set.of("bprm_check_security", "bprm_committed_creds", "bprm_committing_creds",
            "bprm_creds_for_exec", "bprm_creds_from_file", "file_ioctl", "file_lock", "file_open", "file_post_open",
            "file_receive", "mmap_file");
    private static final Set<String> LSM_ACTIONS = Set.of("sigkill", "signal", "nopost", "override", "post");
    /** The action arguments each action reads; any other is ignored. */
    private static final Map<String, Set<String>> USED = Map.ofEntries(
            Map.entry("post", Set.of("rateLimit", "rateLimitScope", "kernelStackTrace", "userStackTrace", "imaHash")),
            Map.entry("override", Set.of("argError", "argRegs", "argNewSymbol", "argNewAddr", "argNewOffset")),
            Map.entry("signal", Set.of("argSig")),
            Map.entry("getUrl".toLowerCase(), Set.of("argUrl")),
            Map.entry("dnslookup", Set.of("argFqdn")),
            Map.entry("tracksock", Set.of("argSock")),
            Map.entry("untracksock", Set.of("argSock")),
            Map.entry("notifyenforcer", Set.of("argError", "argSig")),
            Map.entry("set", Set.of("argIndex", "argValue")));
    private static final Set<String> ACTION_ARGUMENTS = Set.of("argError", "argSig", "argSock", "argUrl", "argFqdn", "argIndex",
            "argValue", "argRegs", "argNewSymbol", "argNewAddr", "argNewOffset", "rateLimit", "rateLimitScope",
            "kernelStackTrace", "userStackTrace", "imaHash");

    private ActionRules() {}

    static void check(Policy policy, Hook hook, Selector s) {
        for (String field : List.of("matchActions", "matchReturnActions")) {
            List<MappingNode> actions = s.entries(field);
            if (actions.size() > 3) {
                policy.findings.add(SemanticRule.TOO_MANY_ACTIONS, actions.get(3).span(),
                        "the selector has " + actions.size() + " " + field + " (\"only 3 actions are support for selector\")",
                        "use at most 3 actions per selector; split the selector");
            }
            int regs = 0;
            for (MappingNode a : actions) {
                action(policy, hook, a);
                if (hook.kind() == HookKind.UPROBE && Policy.action(a).equals("override") && !Tree.list(a, "argRegs").isEmpty() && ++regs == 2) {
                    policy.findings.add(SemanticRule.REGS_ACTION, a.keySpan("argRegs"),
                            "a selector may set registers once (\"only single instance of regs action is allowed\")",
                            "merge the argRegs assignments into one Override action");
                }
            }
        }
    }

    /** Tetragon's parseRateLimit: a uint32 in base 10, with an optional s, m or h suffix (any case). */
    private static boolean validRateLimit(String s) {
        String number = !s.isEmpty() && "smhSMH".indexOf(s.charAt(s.length() - 1)) >= 0 ? s.substring(0, s.length() - 1) : s;
        return Values.goInt(number, false, 32, false).isPresent();
    }

    private static void action(Policy policy, Hook hook, MappingNode a) {
        String name = Policy.action(a);
        String written = Tree.text(a, "action");
        var span = a.valueSpan("action");
        boolean stack = Tree.bool(a, "kernelStackTrace", false) || Tree.bool(a, "userStackTrace", false);
        if (!Tree.text(a, "rateLimit").isEmpty()) {
            if (!name.equals("post")) {
                policy.findings.add(SemanticRule.RATE_LIMIT_ACTION, a.keySpan("rateLimit"),
                        "rateLimit applies only to Post (\"rate limiting can only applied to post action (was applied to '" + written + "')\")",
                        "move rateLimit to a Post action");
            } else if (!validRateLimit(Tree.text(a, "rateLimit"))) {
                policy.findings.add(SemanticRule.RATE_LIMIT_VALUE, a.valueSpan("rateLimit"),
                        "rateLimit '" + Quoted.text(Tree.text(a, "rateLimit")) + "' is not a number with an optional s, m or h suffix "
                                + "(\"parseRateLimit: rateLimit value " + Quoted.text(Tree.text(a, "rateLimit")) + " is invalid\")",
                        "write e.g. 1m, 30s or 2h");
            } else if (!Tree.text(a, "rateLimitScope").isEmpty() && !Set.of("thread", "process", "global").contains(Tree.text(a, "rateLimitScope"))) {
                policy.findings.add(SemanticRule.RATE_LIMIT_VALUE, a.valueSpan("rateLimitScope"),
                        "rateLimitScope '" + Quoted.text(Tree.text(a, "rateLimitScope")) + "' is not thread, process or global "
                                + "(\"parseRateLimit: rateLimitScope value " + Quoted.text(Tree.text(a, "rateLimitScope")) + " is invalid\")",
                        "use thread, process or global");
            }
        }
        if (stack && !name.equals("post") && hook.kind().isKernelFunction()) {
            policy.findings.add(SemanticRule.STACK_TRACE_ACTION, span,
                    "kernelStackTrace and userStackTrace work only with Post (\"kernelStackTrace or userStackTrace can only be used along Post action\")",
                    "move the stack trace flags to a Post action");
        }
        switch (hook.kind()) {
            case LSM -> {
                if (!LSM_ACTIONS.contains(name)) {
                    policy.findings.add(SemanticRule.ACTION_NOT_SUPPORTED, span, "LSM hooks do not support " + written + " (\"" + written + " action is not supported\")",
                            "LSM hooks take Post, NoPost, Sigkill, Signal and Override");
                } else if (name.equals("post") && stack) {
                    policy.findings.add(SemanticRule.ACTION_NOT_SUPPORTED, span, "LSM hooks do not take stack traces (\"stacktrace actions are not supported\")",
                            "remove kernelStackTrace and userStackTrace");
                }
            }
            case UPROBE, USDT -> {
                if (name.equals("geturl") || name.equals("dnslookup")) {
                    policy.findings.add(SemanticRule.ACTION_NOT_SUPPORTED, span,
                            hook.kind().section + " do not support " + written + " (\"GetUrl and DnsLookup actions not supported\")",
                            "use these actions on kprobes");
                }
            }
            default -> { }
        }
        if (name.equals("set") && hook.kind() != HookKind.USDT) {
            policy.findings.add(LintRule.SET_OUTSIDE_USDT, span, "Set does nothing on " + hook.kind().section + "; only USDT programs implement it",
                    "remove the Set action");
        }
        if (Tree.bool(a, "imaHash", false)) {
            String lsmHook = Tree.text(hook.node(), "hook");
            if (hook.kind() != HookKind.LSM || !IMA_HOOKS.contains(lsmHook)) {
                policy.findings.add(LintRule.IMA_HASH_HOOK, a.valueSpan("imaHash"),
                        "imaHash is computed only on LSM bprm and file hooks (e.g. bprm_check_security, file_open); here it is ignored",
                        "remove imaHash, or move the action to one of those LSM hooks");
            } else {
                policy.findings.lacking(TargetRule.IMA_HASH_KERNEL, Feature.V511_PROGRAMS, a.valueSpan("imaHash"),
                        "imaHash needs Tetragon's v5.11 programs and is ignored on the target", "expect no hash on these targets");
            }
        }
        Set<String> used = USED.getOrDefault(name, Set.of());
        for (MappingNode.Entry e : a.entries()) {
            boolean reportedElsewhere = e.name().startsWith("rateLimit")
                    || (hook.kind().isKernelFunction() && e.name().endsWith("StackTrace"));
            if (ACTION_ARGUMENTS.contains(e.name()) && !used.contains(e.name()) && !reportedElsewhere && !(e.value() instanceof dev.tpc.yaml.ScalarNode sc && Boolean.FALSE.equals(sc.value()))) {
                policy.findings.add(LintRule.ACTION_ARGUMENT_IGNORED, e.key().span(),
                        written + " does not use " + e.name() + "; it is ignored", "remove " + e.name() + " or use the action that reads it");
            }
        }
    }
}
