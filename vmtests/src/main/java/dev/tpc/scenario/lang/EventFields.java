package dev.tpc.scenario.lang;

import dev.tpc.runtime.events.Actions;
import dev.tpc.runtime.events.Signals;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the JSON of each kind of event can hold, as tpc prints it ({@code docs/events.md},
 * {@code JsonEventWriter}): the fields a condition may name, and whether each holds text or a
 * number. Fields Tetragon has but tpc does not print ({@code pod}, {@code sock_arg}, ...) are not
 * here, so that a condition on them is a finding instead of an expectation that never holds.
 */
final class EventFields {
    private EventFields() {}

    /** A node of an event's JSON. */
    sealed interface Node {
    }

    /** An object, with its members in the order tpc prints them. */
    record Obj(String what, Map<String, Node> members) implements Node {
    }

    record Arr(Node element) implements Node {
    }

    /** A leaf: text or a number. */
    record Leaf(boolean number) implements Node {
    }

    static final Leaf TEXT = new Leaf(false);
    static final Leaf NUMBER = new Leaf(true);

    private static final Obj PROCESS = obj("a process",
            "exec_id", TEXT, "pid", NUMBER, "uid", NUMBER, "cwd", TEXT, "binary", TEXT, "arguments", TEXT, "flags", TEXT,
            "start_time", TEXT, "auid", NUMBER, "parent_exec_id", TEXT, "tid", NUMBER);

    private static final Obj PATH_ONLY = obj("a file", "path", TEXT);

    /** One element of {@code args} (and {@code return}): one typed key, plus {@code label}. */
    private static final Obj ARG = obj("an argument",
            "int_arg", NUMBER, "uint_arg", NUMBER, "long_arg", NUMBER, "size_arg", NUMBER, "string_arg", TEXT,
            "bytes_arg", TEXT, "truncated_bytes_arg", obj("a truncated buffer", "bytes_arg", TEXT, "orig_size", NUMBER),
            "file_arg", PATH_ONLY, "path_arg", PATH_ONLY, "linux_binprm_arg", PATH_ONLY, "label", TEXT);

    private static final Map<String, Obj> KINDS = buildKinds();

    /** The event kinds, as the JSON's top-level keys name them. */
    static Set<String> kinds() {
        return KINDS.keySet();
    }

    static Obj kind(String name) {
        return KINDS.get(name);
    }

    /** The fields that hold the name of an action, and the names tpc prints there. */
    static final Set<String> ACTION_FIELDS = Set.of("action", "return_action");

    static Set<String> actionNames() {
        Set<String> out = new TreeSet<>();
        for (int id = 0; id < 64; id++) {
            String n = Actions.name(id);
            if (!n.endsWith("_UNKNOWN")) {
                out.add(n);
            }
        }
        return out;
    }

    /** What process_exit's {@code signal} can hold. */
    static Set<String> signalNames() {
        Set<String> out = new LinkedHashSet<>();
        for (int s = 1; s <= 64; s++) {
            out.add(Signals.name(s));
        }
        return out;
    }

    private static Map<String, Obj> buildKinds() {
        Map<String, Obj> k = new LinkedHashMap<>();
        Arr args = new Arr(ARG);
        Arr tags = new Arr(TEXT);
        k.put("process_exec", obj("process_exec", "process", PROCESS, "parent", PROCESS));
        k.put("process_exit", obj("process_exit", "process", PROCESS, "parent", PROCESS, "signal", TEXT, "status", NUMBER,
                "time", TEXT));
        k.put("process_kprobe", obj("process_kprobe", "process", PROCESS, "parent", PROCESS, "function_name", TEXT,
                "args", args, "return", ARG, "action", TEXT, "policy_name", TEXT, "return_action", TEXT, "message", TEXT,
                "tags", tags));
        k.put("process_tracepoint", obj("process_tracepoint", "process", PROCESS, "parent", PROCESS, "subsys", TEXT,
                "event", TEXT, "args", args, "policy_name", TEXT, "action", TEXT, "message", TEXT, "tags", tags));
        k.put("process_uprobe", obj("process_uprobe", "process", PROCESS, "parent", PROCESS, "path", TEXT, "symbol", TEXT,
                "policy_name", TEXT, "message", TEXT, "args", args, "tags", tags, "offset", NUMBER, "ref_ctr_offset", NUMBER,
                "action", TEXT));
        k.put("process_lsm", obj("process_lsm", "process", PROCESS, "parent", PROCESS, "function_name", TEXT,
                "args", args, "return", ARG, "action", TEXT, "policy_name", TEXT, "return_action", TEXT, "message", TEXT,
                "tags", tags));
        return Collections.unmodifiableMap(k);
    }

    private static Obj obj(String what, Object... pairs) {
        Map<String, Node> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Node) pairs[i + 1]);
        }
        return new Obj(what, Collections.unmodifiableMap(m));
    }

    /** The member names of an object, for hints. */
    static List<String> names(Obj o) {
        return List.copyOf(o.members().keySet());
    }
}
