package dev.tpc.validate.semantic;

import dev.tpc.diag.LintRule;
import dev.tpc.diag.Quoted;
import dev.tpc.diag.SemanticRule;
import dev.tpc.diag.TargetRule;
import dev.tpc.target.Availability;
import dev.tpc.target.TargetProfile;
import dev.tpc.yaml.MappingNode;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Tracepoints: names, raw tracepoints, argument types and field indexes per target. */
final class TracepointRules {
    /** Subsystems whose every event the shipped tables list, so a missing event does not exist. */
    private static final Set<String> COMPLETE_SUBSYSTEMS = Set.of("syscalls", "raw_syscalls");

    private TracepointRules() {}

    static void check(Policy policy, Hook hook) {
        String subsystem = Tree.text(hook.node(), "subsystem");
        String event = Tree.text(hook.node(), "event");
        if (subsystem.isEmpty() || event.isEmpty()) {
            String which = subsystem.isEmpty() ? "subsystem" : "event";
            policy.findings.add(SemanticRule.TRACEPOINT_NAME_EMPTY, hook.node().valueSpan(which),
                    "the tracepoint's " + which + " is empty (\"tracepoint " + which + " is empty\")", "name the tracepoint, e.g. syscalls/sys_enter_openat");
            return;
        }
        boolean raw = Tree.bool(hook.node(), "raw", false);
        String name = Quoted.text(subsystem + "/" + event);
        for (HookArg a : hook.args()) {
            if (a.type().equals("const_buf")) {
                policy.findings.add(SemanticRule.CONST_BUF_USER_DEFINED, ArgRules.typeSpan(a),
                        "args[" + a.position() + "] declares type const_buf, which only Tetragon itself may derive (\"const_buf type cannot be user-defined\")",
                        "leave the type out (auto) so Tetragon derives it from the format");
            }
            if (raw && a.index() > 5) {
                policy.findings.add(SemanticRule.RAW_TRACEPOINT_INDEX, a.node().valueSpan("index"),
                        "raw tracepoint " + name + " can read arguments 0 to 5, not " + a.index()
                                + " (\"raw tracepoint " + name + " can read up to 5 arguments, but index " + a.index() + " was requested in args[" + a.position() + "]\")",
                        "use an index from 0 to 5");
            }
        }
        int hidden = 0;
        Set<Long> indexes = new HashSet<>();
        hook.args().forEach(a -> indexes.add(a.index()));
        for (HookArg a : hook.args()) {
            long size = Tree.integer(a.node(), "sizeArgIndex", 0);
            if (size > 0 && indexes.add(size - 1)) {
                hidden++;
            }
        }
        if (hook.args().size() + hidden > 5) {
            policy.findings.add(SemanticRule.TRACEPOINT_ARG_COUNT, hook.node().keySpan("args"),
                    "the tracepoint reads " + (hook.args().size() + hidden) + " arguments, counting the size fields sizeArgIndex adds "
                            + "(\"number of arguments (" + (hook.args().size() + hidden) + ") larger than max (5)\")",
                    "read at most 5 fields");
        }
        if (!raw) {
            formats(policy, hook, subsystem, event, name);
            TracepointFieldKinds.check(policy, hook, subsystem, event, name);
        }
        ambiguousIndexes(policy, hook);
    }

    /** {@code name} is the tracepoint as messages show it. */
    private static void formats(Policy policy, Hook hook, String subsystem, String event, String name) {
        if (COMPLETE_SUBSYSTEMS.contains(subsystem)) {
            policy.findings.onTargets(TargetRule.TRACEPOINT_NOT_FOUND, hook.node().valueSpan("event"),
                    "the target has no tracepoint " + name + " (\"tracepoint " + name + " not supported\")",
                    "check the name against /sys/kernel/tracing/events/" + Quoted.text(subsystem) + "/ on the node", "tracepoint formats",
                    p -> Findings.not(policy.targets.tracepoints().exists(p, subsystem, event)));
        }
        int fields = policy.targets.profiles().stream().map(p -> fieldCount(policy, p, subsystem, event).orElse(0)).max(Integer::compare).orElse(0);
        for (HookArg a : hook.args()) {
            policy.findings.onTargets(TargetRule.TRACEPOINT_FIELD_INDEX, a.node().valueSpan("index"),
                    "args[" + a.position() + "] reads field " + a.index() + " of " + name + ", which has fewer fields on the target "
                            + "(\"tracepoint " + name + " has " + fields + " fields but field " + a.index() + " was requested in args[" + a.position() + "]\")",
                    "the index counts every field of the format, common_* fields included", "tracepoint formats",
                    p -> fieldCount(policy, p, subsystem, event).map(n -> Findings.of(a.index() >= n)).orElse(Availability.NO));
        }
    }

    private static Optional<Integer> fieldCount(Policy policy, TargetProfile p, String subsystem, String event) {
        return policy.targets.tracepoints().find(p, subsystem, event).map(f -> f.fields().size());
    }

    /** A selector index that is both another argument's field index and a position resolves to the field's argument. */
    private static void ambiguousIndexes(Policy policy, Hook hook) {
        List<HookArg> args = hook.args();
        for (Selector s : hook.selectors()) {
            for (MappingNode f : s.entries("matchArgs")) {
                if (!Tree.list(f, "args").isEmpty() || !Tree.written(f, "index")) {
                    continue;
                }
                long index = Tree.integer(f, "index", 0);
                Optional<HookArg> byField = args.stream().filter(a -> a.index() == index).findFirst();
                if (byField.isPresent() && index < args.size() && args.get((int) index) != byField.get()) {
                    policy.findings.add(LintRule.TRACEPOINT_INDEX_AMBIGUOUS, f.valueSpan("index"),
                            "index " + index + " is the field index of args[" + byField.get().position() + "] and the position of args[" + index
                                    + "]; Tetragon filters on args[" + byField.get().position() + "]",
                            "write args: [" + byField.get().position() + "] (a position) to say which argument you mean");
                }
            }
        }
    }
}
