package dev.tpc.validate.semantic;

import dev.tpc.diag.LintRule;
import dev.tpc.diag.Quoted;
import dev.tpc.diag.SemanticRule;
import dev.tpc.diag.TargetRule;
import dev.tpc.target.Feature;
import dev.tpc.yaml.MappingNode;
import dev.tpc.yaml.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Rules on the policy as a whole: hook sections, options, loader, enforcers, lists. */
final class PolicyRules {
    private static final Set<String> KNOWN_OPTIONS = Set.of(
            "disable-kprobe-multi", "disable-uprobe-multi", "override-method", "policy-mode", "sleepable-preload-size");

    private PolicyRules() {}

    static void check(Policy policy) {
        hookSections(policy);
        options(policy);
        ListRules.check(policy);
        loader(policy);
        EnforcerRules.check(policy);
        namespaced(policy);
        monitorOnly(policy);
    }

    private static void hookSections(Policy policy) {
        List<HookKind> present = new ArrayList<>();
        for (HookKind k : HookKind.values()) {
            if (!Tree.list(policy.spec, k.section).isEmpty()) {
                present.add(k);
            }
        }
        if (present.size() > 1) {
            policy.findings.add(SemanticRule.MULTIPLE_HOOK_SECTIONS, policy.spec.keySpan(present.get(1).section),
                    "this policy has both " + present.get(0).section + " and " + present.get(1).section
                            + "; Tetragon refuses a policy with more than one hook section "
                            + "(\"tracing policies with multiple sections of kprobes, tracepoints, lsm hooks, uprobes or usdts are currently not supported\")",
                    "split the hooks into one policy per section");
        }
        List<Hook> hooks = new ArrayList<>();
        for (HookKind k : present) {
            hooks.addAll(HookBuilder.build(policy, k));
        }
        policy.kind = present.isEmpty() ? null : present.get(0);
        policy.hooks = List.copyOf(hooks);
    }

    private static void options(Policy policy) {
        for (MappingNode o : Tree.maps(policy.spec, "options")) {
            String name = Tree.text(o, "name");
            String value = Tree.text(o, "value");
            var valueSpan = o.valueSpan(Tree.written(o, "value") ? "value" : "name");
            if (!KNOWN_OPTIONS.contains(name)) {
                policy.findings.add(LintRule.UNKNOWN_OPTION, o.valueSpan("name"),
                        "Tetragon does not know the option '" + Quoted.text(name) + "' and silently ignores it",
                        "known options: " + String.join(", ", KNOWN_OPTIONS.stream().sorted().toList()));
                continue;
            }
            String problem = switch (name) {
                case "disable-kprobe-multi", "disable-uprobe-multi" -> Policy.parseBool(value).isPresent() ? null
                        : "'" + Quoted.text(value) + "' is not a boolean Tetragon can parse";
                case "override-method" -> value.equals("fmod-ret") || value.equals("override-return") ? null
                        : "invalid override method: '" + Quoted.text(value) + "'";
                case "policy-mode" -> value.equals("enforce") || value.equals("monitor") ? null
                        : "invalid mode: \"" + Quoted.text(value) + "\"";
                default -> positiveInt(value) ? null : "sleepable-preload-size must be a positive integer, got '" + Quoted.text(value) + "'";
            };
            if (problem != null) {
                policy.findings.add(SemanticRule.BAD_OPTION_VALUE, valueSpan,
                        "option " + name + ": " + problem + "; Tetragon fails with \"failed to parse options\"",
                        hintFor(name));
            }
        }
    }

    private static String hintFor(String option) {
        return switch (option) {
            case "disable-kprobe-multi", "disable-uprobe-multi" -> "write value: \"true\" or value: \"false\" (Go's ParseBool also takes 1, t, T, TRUE, 0, f, F, FALSE; not yes/no)";
            case "override-method" -> "use fmod-ret or override-return";
            case "policy-mode" -> "use enforce or monitor";
            default -> "give a positive integer";
        };
    }

    private static boolean positiveInt(String s) {
        try {
            return Long.parseLong(s) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void loader(Policy policy) {
        Optional<ScalarNode> loader = Tree.scalar(policy.spec, "loader");
        if (loader.isEmpty() || !Boolean.TRUE.equals(loader.get().value())) {
            return;
        }
        boolean filtered = policy.namespaced || Tree.has(policy.spec, "podSelector") || Tree.has(policy.spec, "containerSelector");
        if (filtered) {
            policy.findings.add(SemanticRule.LOADER_WITH_POLICY_FILTER, loader.get().span(),
                    "loader events cannot be filtered by pod or container (\"loader sensor does not implement policy filtering\")",
                    "put loader: true in a cluster-wide TracingPolicy without podSelector or containerSelector");
        }
        policy.findings.onTargets(TargetRule.LOADER_EVENTS, loader.get().span(),
                "loader events need build ids in perf events and a kernel past Tetragon's loader version gate "
                        + "(\"loader event are not supported on running kernel\")",
                "drop loader: true for these targets", Feature.BUILD_ID,
                p -> Findings.not(Findings.and(p.has(Feature.BUILD_ID), p.has(Feature.LOADER_VERSION_GATE))));
    }

    private static void namespaced(Policy policy) {
        if (!policy.namespaced) {
            return;
        }
        for (String section : List.of("uprobes", "usdts")) {
            if (!Tree.list(policy.spec, section).isEmpty()) {
                String what = section.equals("uprobes") ? "uprobe" : "usdt";
                policy.findings.add(SemanticRule.NAMESPACED_UPROBES, policy.spec.keySpan(section),
                        what + " hooks cannot be namespaced (\"" + what + " is not supported in a namespaced tracing policy\")",
                        "use a cluster-wide TracingPolicy, with a podSelector if it should apply to some pods only");
            }
        }
    }

    private static void monitorOnly(Policy policy) {
        MappingNode mode = policy.options.get("policy-mode");
        if (mode == null || policy.hasEnforcementAction() || !Tree.maps(policy.spec, "enforcers").isEmpty()) {
            return;
        }
        policy.findings.add(LintRule.FORCED_MONITOR_ONLY, mode.valueSpan("value"),
                "this policy has no enforcement action (Sigkill, Signal, Override, NotifyEnforcer, Set), so Tetragon "
                        + "forces it to monitor_only and its mode can never be changed",
                "remove the policy-mode option, or add the enforcement action the policy is meant to take");
    }
}
