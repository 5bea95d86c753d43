package dev.tpc.validate.semantic;

import dev.tpc.target.TargetProfile;
import dev.tpc.target.TracepointFormat;
import dev.tpc.yaml.MappingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The type Tetragon derives for a tracepoint argument declared {@code auto}, from the field's
 * format on the first target whose tables have it. Unknown formats keep {@code auto}, which later
 * rules treat as "decided on the node".
 */
final class TracepointTypes {
    private TracepointTypes() {}

    static List<HookArg> derive(Policy policy, MappingNode hook, List<HookArg> args) {
        Optional<TracepointFormat> format = Optional.empty();
        for (TargetProfile p : policy.targets.profiles()) {
            format = policy.targets.tracepoints().find(p, Tree.text(hook, "subsystem"), Tree.text(hook, "event"));
            if (format.isPresent()) {
                break;
            }
        }
        if (format.isEmpty()) {
            return args;
        }
        List<HookArg> out = new ArrayList<>();
        for (HookArg a : args) {
            if (!a.type().equals("auto")) {
                out.add(a);
                continue;
            }
            String type = format.get().field((int) a.index()).map(TracepointTypes::typeOf).orElse("auto");
            out.add(new HookArg(a.node(), a.position(), a.index(), type));
        }
        return out;
    }

    private static String typeOf(TracepointFormat.Field f) {
        if (f.isArray()) {
            return "const_buf";
        }
        if (f.cType().contains("*")) {
            return "char_buf";
        }
        if (f.cType().equals("size_t")) {
            return "size_t";
        }
        return switch (f.size()) {
            case 8 -> f.signed() ? "int64" : "uint64";
            case 4 -> f.signed() ? "int" : "uint32";
            case 2 -> f.signed() ? "int16" : "uint16";
            case 1 -> f.signed() ? "int8" : "uint8";
            default -> "auto";
        };
    }
}
