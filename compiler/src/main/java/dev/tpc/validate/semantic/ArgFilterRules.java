package dev.tpc.validate.semantic;

import dev.tpc.diag.LintRule;
import dev.tpc.diag.SemanticRule;
import dev.tpc.diag.TargetRule;
import dev.tpc.target.Feature;
import dev.tpc.yaml.MappingNode;
import dev.tpc.yaml.ScalarNode;
import java.util.List;
import java.util.Optional;

/** matchArgs, matchData and matchReturnArgs: which argument a filter reads, and its operator and values. */
final class ArgFilterRules {
    private ArgFilterRules() {}

    static void check(Policy policy, Hook hook, Selector s) {
        List<MappingNode> args = s.entries("matchArgs");
        List<MappingNode> data = s.entries("matchData");
        int n = args.size() + data.size();
        if (n > 1) {
            MappingNode extra = n > 5 ? (args.size() > 5 ? args.get(5) : data.get(5 - args.size()))
                    : (args.size() > 1 ? args.get(1) : data.get(1 - args.size()));
            boolean overFive = n > 5;
            policy.findings.onTargets(TargetRule.MATCH_ARGS_LIMIT, extra.span(),
                    "the selector has " + n + " matchArgs and matchData filters (\"parseMatchArgs: supports up to "
                            + (overFive ? 5 : 1) + " filters (" + n + " provided)\")",
                    "at most 5 filters per selector with large programs, 1 without; split the selector",
                    Feature.LARGE_PROGRAMS, p -> overFive ? Findings.of(true) : Findings.not(p.has(Feature.LARGE_PROGRAMS)));
        }
        for (MappingNode f : args) {
            filter(policy, hook, f, "matchArgs");
        }
        for (MappingNode f : data) {
            filter(policy, hook, f, "matchData");
        }
        if (hook.hasReturn()) {
            for (MappingNode f : s.entries("matchReturnArgs")) {
                filter(policy, hook, f, "matchReturnArgs");
            }
        }
    }

    private static void filter(Policy policy, Hook hook, MappingNode f, String field) {
        String op = Tree.text(f, "operator");
        if (op.equals("CelExpr")) {
            OperatorRules.celExpr(policy, hook, f);
            return;
        }
        Optional<HookArg> arg = target(policy, hook, f, field);
        if (arg.isEmpty()) {
            return;
        }
        OperatorRules.check(policy, hook, f, arg.get());
    }

    /** The argument a filter reads, as Tetragon finds it; reports a reference to nothing. */
    static Optional<HookArg> target(Policy policy, Hook hook, MappingNode f, String field) {
        List<HookArg> sig = switch (field) {
            case "matchData" -> hook.data();
            case "matchReturnArgs" -> hook.returnArg().map(List::of).orElse(List.of());
            default -> hook.args();
        };
        List<ScalarNode> positions = Tree.scalars(f, "args");
        if (!positions.isEmpty()) {
            ScalarNode k = positions.get(0);
            long pos = k.value() instanceof Long l ? l : -1;
            if (pos < 0 || pos >= sig.size()) {
                policy.findings.add(SemanticRule.ARG_FILTER_INDEX, k.span(),
                        field + " args[0] is " + k.text() + ", but the hook declares " + sig.size() + " "
                                + (field.equals("matchData") ? "data entries" : "arguments") + " (\"wrong ArgSelector.Arg value "
                                + k.text() + ", max(" + sig.size() + ")\")",
                        "args: [k] is the position of the argument in the hook's list, counted from 0");
                return Optional.empty();
            }
            return Optional.of(sig.get((int) pos));
        }
        long index = Tree.integer(f, "index", 0);
        var span = Tree.written(f, "index") ? f.valueSpan("index") : f.span();
        switch (field) {
            case "matchData" -> {
                if (index < sig.size()) {
                    return Optional.of(sig.get((int) index));
                }
                policy.findings.add(SemanticRule.ARG_FILTER_INDEX, span,
                        "matchData index " + index + " is beyond the " + sig.size() + " data entries (\"matchData index out of bonds (0," + sig.size() + ")\")",
                        "matchData index is the position in the hook's data list, counted from 0");
                return Optional.empty();
            }
            case "matchReturnArgs" -> {
                if (!sig.isEmpty() && sig.get(0).index() == index) {
                    return Optional.of(sig.get(0));
                }
                policy.findings.add(SemanticRule.ARG_FILTER_INDEX, span,
                        "matchReturnArgs index " + index + " does not match returnArg" + (sig.isEmpty() ? " (there is none)" : "'s index " + sig.get(0).index())
                                + " (\"argFilter for unknown index\")",
                        "matchReturnArgs index must equal returnArg.index (normally 0)");
                return Optional.empty();
            }
            default -> {
                for (HookArg a : sig) {
                    if (a.index() == index) {
                        return Optional.of(a);
                    }
                }
                if (hook.kind() == HookKind.TRACEPOINT && index < sig.size()) {
                    return Optional.of(sig.get((int) index)); // tracepoints also take the position
                }
                policy.findings.add(SemanticRule.ARG_FILTER_INDEX, span,
                        "matchArgs index " + index + " is not the index of any entry in args (\"argFilter for unknown index\")",
                        "matchArgs index is the function argument number and must equal the index of an args entry; declared: "
                                + (sig.isEmpty() ? "none" : String.join(", ", sig.stream().map(a -> String.valueOf(a.index())).toList())));
                return Optional.empty();
            }
        }
    }

    /** Limits over all selectors of a hook: substrings, CelExpr programs, inner maps. */
    static void checkHookWide(Policy policy, Hook hook) {
        int substrings = 0;
        int cel = 0;
        MappingNode lastSub = null;
        MappingNode lastCel = null;
        int valueMaps = 0;
        int prefixMaps = 0;
        int postfixMaps = 0;
        MappingNode anyMapFilter = null;
        for (Selector s : hook.selectors()) {
            for (String field : List.of("matchArgs", "matchData", "matchReturnArgs")) {
                for (MappingNode f : s.entries(field)) {
                    String op = Tree.text(f, "operator");
                    switch (op) {
                        case "SubString", "SubStringIgnCase" -> {
                            substrings += Tree.list(f, "values").size();
                            lastSub = f;
                        }
                        case "CelExpr" -> {
                            cel++;
                            lastCel = f;
                        }
                        case "InMap", "NotInMap", "SPort", "DPort", "NotSPort", "NotDPort", "Protocol", "Family", "State" -> {
                            valueMaps++;
                            anyMapFilter = f;
                        }
                        case "Prefix", "NotPrefix" -> {
                            prefixMaps++;
                            anyMapFilter = f;
                        }
                        case "Postfix", "NotPostfix" -> {
                            postfixMaps++;
                            anyMapFilter = f;
                        }
                        default -> { }
                    }
                }
            }
        }
        if (substrings > 100) {
            policy.findings.add(SemanticRule.SUBSTRING_LIMIT, lastSub.span(),
                    "the hook has " + substrings + " substring values (\"substring error: Only 100 substrings allowed\")",
                    "use at most 100 SubString values per hook");
        }
        if (substrings > 1 && hook.kind().isKernelFunction()) {
            policy.findings.add(LintRule.SUBSTRING_KPROBE_MAP, lastSub.span(),
                    "the hook has " + substrings + " substring values, but Tetragon's kprobe programs keep room for one",
                    "expect a load failure; keep one SubString value per kprobe");
        }
        if (cel > 8) {
            policy.findings.add(SemanticRule.CEL_EXPRESSION, lastCel.span(),
                    "the hook has " + cel + " CelExpr filters (\"No more than 8 CelExpr allowed per policy\")",
                    "use at most 8 CelExpr filters");
        }
        for (var count : List.of(new int[] {valueMaps}, new int[] {prefixMaps}, new int[] {postfixMaps})) {
            if (count[0] > 8) {
                String kind = count[0] == valueMaps ? "value (InMap and port/protocol)" : count[0] == prefixMaps ? "prefix" : "postfix";
                policy.findings.add(LintRule.MAP_CAPACITY, anyMapFilter.span(),
                        "the hook uses " + count[0] + " " + kind + " maps, but the BPF programs hold 8",
                        "merge filters so that at most 8 of one kind remain");
                break;
            }
        }
    }
}
