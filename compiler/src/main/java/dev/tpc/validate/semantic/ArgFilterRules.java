package dev.tpc.validate.semantic;

import dev.tpc.diag.LintRule;
import dev.tpc.diag.SemanticRule;
import dev.tpc.diag.TargetRule;
import dev.tpc.target.Feature;
import dev.tpc.yaml.MappingNode;
import dev.tpc.yaml.ScalarNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** The inner maps of one kind an outer map of the BPF programs holds (ARRAY_OF_MAPS, max_entries 8). */
    private static final int INNER_MAPS = 8;
    /** Tetragon's limits on substrings per hook and CelExpr programs per program. */
    private static final int SUBSTRINGS = 100;
    private static final int CEL_PROGRAMS = 8;

    /** Which outer map a filter with operator {@code op} takes an inner map of, if any. */
    private static Optional<String> innerMapKind(String op) {
        return switch (op) {
            case "InMap", "NotInMap", "SPort", "DPort", "NotSPort", "NotDPort", "Protocol", "Family", "State" ->
                    Optional.of("value (InMap and port/protocol)");
            case "Prefix", "NotPrefix" -> Optional.of("prefix");
            case "Postfix", "NotPostfix" -> Optional.of("postfix");
            default -> Optional.empty();
        };
    }

    /** Limits over all selectors of a hook: substrings, CelExpr programs, inner maps. */
    static void checkHookWide(Policy policy, Hook hook) {
        int substrings = 0;
        MappingNode secondSubstring = null;
        MappingNode overLimitSubstring = null;
        List<MappingNode> celFilters = new ArrayList<>();
        Map<String, List<MappingNode>> innerMaps = new LinkedHashMap<>();
        for (Selector s : hook.selectors()) {
            for (String field : List.of("matchArgs", "matchData", "matchReturnArgs")) {
                for (MappingNode f : s.entries(field)) {
                    String op = Tree.text(f, "operator");
                    switch (op) {
                        case "SubString", "SubStringIgnCase" -> {
                            int before = substrings;
                            substrings += Tree.list(f, "values").size();
                            if (before < 2 && substrings >= 2) {
                                secondSubstring = f;
                            }
                            if (before <= SUBSTRINGS && substrings > SUBSTRINGS) {
                                overLimitSubstring = f;
                            }
                        }
                        case "CelExpr" -> celFilters.add(f);
                        default -> innerMapKind(op).ifPresent(kind -> innerMaps.computeIfAbsent(kind, k -> new ArrayList<>()).add(f));
                    }
                }
            }
        }
        if (overLimitSubstring != null) {
            policy.findings.add(SemanticRule.SUBSTRING_LIMIT, overLimitSubstring.span(),
                    "the hook has " + substrings + " substring values (\"substring error: Only 100 substrings allowed\")",
                    "use at most 100 SubString values per hook");
        }
        if (secondSubstring != null && hook.kind().isKernelFunction()) {
            policy.findings.add(LintRule.SUBSTRING_KPROBE_MAP, secondSubstring.span(),
                    "the hook has " + substrings + " substring values, but Tetragon's kprobe programs keep room for one",
                    "expect a load failure; keep one SubString value per kprobe");
        }
        if (celFilters.size() > CEL_PROGRAMS) {
            policy.findings.add(SemanticRule.CEL_EXPRESSION, celFilters.get(CEL_PROGRAMS).span(),
                    "the hook has " + celFilters.size() + " CelExpr filters (\"No more than 8 CelExpr allowed per policy\")",
                    "use at most 8 CelExpr filters");
        }
        innerMaps.forEach((kind, filters) -> {
            if (filters.size() > INNER_MAPS) {
                policy.findings.add(LintRule.MAP_CAPACITY, filters.get(INNER_MAPS).span(),
                        "the hook uses " + filters.size() + " " + kind + " maps, but the BPF programs hold " + INNER_MAPS,
                        "merge filters so that at most " + INNER_MAPS + " of one kind remain");
            }
        });
    }
}
