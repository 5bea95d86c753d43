package dev.tpc.validate.semantic;

import dev.tpc.diag.LintRule;
import dev.tpc.diag.Quoted;
import dev.tpc.diag.SemanticRule;
import dev.tpc.diag.TargetRule;
import dev.tpc.target.Feature;
import dev.tpc.yaml.MappingNode;
import dev.tpc.yaml.ScalarNode;
import dev.tpc.yaml.YamlNode;
import java.util.List;
import java.util.Locale;

/** Process filters of a selector: matchPIDs, namespaces, capabilities, binaries. */
final class SelectorRules {
    private SelectorRules() {}

    static void check(Policy policy, Hook hook, Selector s) {
        pids(policy, s);
        namespaces(policy, s);
        namespaceChanges(policy, s);
        capabilities(policy, s, "matchCapabilities");
        capabilities(policy, s, "matchCapabilityChanges");
        binaries(policy, s, "matchBinaries");
        binaries(policy, s, "matchParentBinaries");
        if (!hook.hasReturn()) {
            for (String field : List.of("matchReturnArgs", "matchReturnActions")) {
                YamlNode n = s.field(field);
                if (n != null && !s.entries(field).isEmpty() && hook.kind() != HookKind.LSM) {
                    policy.findings.add(LintRule.RETURN_SELECTORS_IGNORED, n.span(),
                            field + " is ignored because the hook does not set return: true",
                            "add return: true and a returnArg to the hook, or remove " + field);
                }
            }
        }
    }

    private static void pids(Policy policy, Selector s) {
        List<MappingNode> pids = s.entries("matchPIDs");
        if (pids.size() > 1) {
            policy.findings.add(LintRule.EXTRA_MATCH_PIDS, pids.get(1).span(),
                    "a selector has " + pids.size() + " matchPIDs entries; the BPF program reads only the first and misreads the filters after it",
                    "keep one matchPIDs entry per selector, or put the second in its own selector");
        }
        for (MappingNode p : pids) {
            List<ScalarNode> values = Tree.scalars(p, "values");
            if (values.size() > 4) {
                policy.findings.add(LintRule.TOO_MANY_PIDS, values.get(4).span(),
                        "matchPIDs has " + values.size() + " values; the BPF program compares only the first 4",
                        "keep at most 4 PIDs per entry; use several selectors for more");
            }
        }
    }

    private static void namespaces(Policy policy, Selector s) {
        List<MappingNode> ns = s.entries("matchNamespaces");
        if (ns.size() > 4) {
            boolean overTen = ns.size() > 10;
            MappingNode extra = ns.get(overTen ? 10 : 4);
            policy.findings.onTargets(TargetRule.NAMESPACE_FILTER_LIMIT, extra.span(),
                    "the selector has " + ns.size() + " matchNamespaces filters (\"matchNamespace supports up to " + (overTen ? 10 : 4)
                            + " filters (current number of filters is " + ns.size() + ")\")",
                    "at most 10 filters with large programs, 4 without; split the selector", Feature.LARGE_PROGRAMS,
                    p -> overTen ? Findings.of(true) : Findings.not(p.has(Feature.LARGE_PROGRAMS)));
        }
        for (MappingNode n : ns) {
            String namespace = Tree.text(n, "namespace").toLowerCase(Locale.ROOT);
            if (namespace.equals("time") || namespace.equals("timeforchildren")) {
                policy.findings.lacking(TargetRule.TIME_NAMESPACE, Feature.TIME_NAMESPACES, n.valueSpan("namespace"),
                        "time namespaces do not exist on the target", "drop this filter on these targets");
            }
            List<ScalarNode> values = Tree.scalars(n, "values");
            if (values.size() > 4) {
                policy.findings.add(SemanticRule.NAMESPACE_VALUES, values.get(4).span(),
                        "this matchNamespaces filter has " + values.size() + " values (\"matchNamespace supports up to 4 values per filter\")",
                        "split the values over several selectors");
            }
            for (ScalarNode v : values) {
                String t = Tree.string(v);
                if (!t.equals("host_ns") && Values.goInt(t, false, 32, false).isEmpty()) {
                    policy.findings.add(SemanticRule.NAMESPACE_VALUES, v.span(),
                            "'" + Quoted.text(t) + "' is not a namespace inode number (\"values for matchNamespace can only be numeric or \\\"host_ns\\\"\")",
                            "write the namespace's inode number (ls -Li /proc/PID/ns/...) or host_ns");
                }
            }
        }
    }

    private static void namespaceChanges(Policy policy, Selector s) {
        List<MappingNode> changes = s.entries("matchNamespaceChanges");
        if (changes.isEmpty()) {
            return;
        }
        if (changes.size() > 1) {
            policy.findings.add(SemanticRule.NAMESPACE_CHANGES_COUNT, changes.get(1).span(),
                    "a selector has " + changes.size() + " matchNamespaceChanges entries (\"matchNamespaceChanges supports only a single filter\")",
                    "list every namespace in the values of one entry");
        }
        policy.findings.lacking(TargetRule.LARGE_PROGRAMS, Feature.LARGE_PROGRAMS, changes.get(0).span(),
                "matchNamespaceChanges needs large BPF programs (\"matchNamespaceChanges is only supported in kernels >= 5.3\")",
                "drop this filter on these targets");
        for (MappingNode c : changes) {
            for (ScalarNode v : Tree.scalars(c, "values")) {
                if (!Values.NAMESPACES.contains(Tree.string(v).toLowerCase(Locale.ROOT))) {
                    policy.findings.add(SemanticRule.NAMESPACE_NAME, v.span(),
                            "unknown namespace '" + Quoted.text(Tree.string(v)) + "' (\"parseMatchNamespaceChange: actionType " + Quoted.text(Tree.string(v)) + " unknown\")",
                            "use one of: " + String.join(", ", Values.NAMESPACES));
                }
            }
        }
    }

    private static void capabilities(Policy policy, Selector s, String field) {
        List<MappingNode> caps = s.entries(field);
        if (caps.size() > 1) {
            policy.findings.add(LintRule.EXTRA_CAPABILITY_FILTER, caps.get(1).span(),
                    "a selector has " + caps.size() + " " + field + " entries; the BPF program evaluates only the first",
                    "keep one " + field + " entry per selector");
        }
        for (MappingNode c : caps) {
            for (ScalarNode v : Tree.scalars(c, "values")) {
                if (!Values.capability(Tree.string(v))) {
                    String upper = Tree.string(v).strip().toUpperCase(Locale.ROOT);
                    policy.findings.add(SemanticRule.CAPABILITY_NAME, v.span(),
                            "unknown capability '" + Quoted.text(Tree.string(v)) + "' (\"value " + Quoted.text(upper) + " unknown\")",
                            upper.equals("CAP_DAC_OVERRIDE") ? "Tetragon spells this capability DAC_OVERRIDE, without CAP_"
                                    : "use a name such as CAP_SYS_ADMIN or CAP_NET_RAW");
                }
            }
        }
    }

    private static void binaries(Policy policy, Selector s, String field) {
        for (MappingNode b : s.entries(field)) {
            String op = Tree.text(b, "operator");
            List<ScalarNode> values = Tree.scalars(b, "values");
            if (field.equals("matchParentBinaries")) {
                policy.findings.add(LintRule.PARENT_BINARIES_FLAG, b.span(),
                        "matchParentBinaries works only when the agent runs with --parents-map-enabled; otherwise Tetragon refuses the policy",
                        "make sure the agent is started with --parents-map-enabled");
            }
            if (values.isEmpty()) {
                // Tetragon drops the entry before it looks at the operator or followChildren
                policy.findings.add(LintRule.EMPTY_BINARIES, b.span(),
                        field + " has no values, so Tetragon drops it and the selector matches every binary",
                        "list the binaries to match, or remove the entry");
                continue;
            }
            if (op.equals("In") || op.equals("NotIn")) {
                for (ScalarNode v : values) {
                    int length = Values.goLength(Tree.string(v));
                    if (length > 255) {
                        policy.findings.add(SemanticRule.BINARY_NAME_TOO_LONG, v.span(),
                                "this path has " + length + " bytes (\"Binary names > 255 chars not supported\")",
                                "use Prefix or Postfix for long paths");
                    }
                }
            } else {
                policy.findings.lacking(TargetRule.LARGE_PROGRAMS, Feature.LARGE_PROGRAMS, b.valueSpan("operator"),
                        "operator " + op + " in " + field + " needs large BPF programs", "use In or NotIn on these targets");
                if (op.endsWith("Prefix") || op.endsWith("Postfix")) {
                    boolean prefix = op.endsWith("Prefix");
                    int max = prefix ? 256 : 127;
                    for (ScalarNode v : values) {
                        int length = Values.goLength(Tree.string(v));
                        if (length > max) {
                            policy.findings.add(prefix ? SemanticRule.PREFIX_TOO_LONG : SemanticRule.POSTFIX_TOO_LONG, v.span(),
                                    "this " + op + " value has " + length + " bytes, more than " + max,
                                    "shorten the value");
                        }
                    }
                }
            }
            if (Tree.bool(b, "followChildren", false) && !op.equals("In") && !op.equals("NotIn")) {
                policy.findings.add(SemanticRule.FOLLOW_CHILDREN, b.valueSpan("followChildren"),
                        "followChildren works only with In and NotIn (\"followChildren not yet implemented for operation '" + op + "'\")",
                        "use operator In or NotIn, or remove followChildren");
            }
            OperatorRules.placeholders(policy, values);
        }
    }
}
