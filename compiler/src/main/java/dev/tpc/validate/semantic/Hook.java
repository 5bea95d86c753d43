package dev.tpc.validate.semantic;

import dev.tpc.yaml.MappingNode;
import java.util.List;
import java.util.Optional;

/**
 * One hook of the policy's hook section with what every rule needs to know about it.
 *
 * @param kind      which section it is in
 * @param node      the hook's mapping
 * @param position  its position in the section
 * @param args      its {@code args}
 * @param data      its {@code data} (kernel functions and uprobes)
 * @param returnArg its {@code returnArg}, if any
 * @param selectors its selectors with macros merged
 */
record Hook(HookKind kind, MappingNode node, int position, List<HookArg> args, List<HookArg> data,
            Optional<HookArg> returnArg, List<Selector> selectors) {

    boolean hasReturn() {
        return Tree.bool(node, "return", false);
    }

    /** A short name for messages: {@code kprobes[0] (security_file_open)}. */
    String label() {
        String what = switch (kind) {
            case KPROBE, FENTRY -> Tree.text(node, "call");
            case TRACEPOINT -> Tree.text(node, "subsystem") + "/" + Tree.text(node, "event");
            case LSM -> Tree.text(node, "hook");
            case UPROBE -> Tree.text(node, "path");
            case USDT -> Tree.text(node, "provider") + "/" + Tree.text(node, "name");
        };
        return kind.section + "[" + position + "]" + (what.isEmpty() ? "" : " (" + what + ")");
    }
}
