package dev.tpc.runtime.plan;

import java.util.List;

/**
 * What the events of one attach point mean, for decoding and printing them: which policy and hook
 * they come from and how to read their arguments.
 *
 * @param policyName  {@code policy_name} of the events
 * @param kind        which event type they become
 * @param subsys      tracepoint subsystem (tracepoints), else empty
 * @param event       tracepoint event (tracepoints), else empty
 * @param function    function name (kprobes, e.g. {@code __x64_sys_setuid}; uprobes: symbol; LSM: hook)
 * @param args        the policy's arguments in order
 * @param message     the policy's {@code message}, empty when none
 * @param tags        the policy's {@code tags}
 * @param user        uprobes: binary, offset and reference counter offset
 * @param policyId    which policy the hook belongs to, for the state each policy keeps for itself
 *                    (mode, rate limits) when several run together: {@code namespace/name} for a
 *                    namespaced policy, whose {@code policy_name} is only the name
 */
public record HookInfo(String policyName, Kind kind, String subsys, String event, String function,
        List<ArgInfo> args, String message, List<String> tags, UserLocation user, String policyId) {

    /**
     * A uprobe's binary and location, as Tetragon's {@code process_uprobe} prints them: {@code path},
     * {@code offset} when the hook has no symbol, {@code ref_ctr_offset}.
     */
    public record UserLocation(String path, long offset, long refCtrOffset) {
        public static final UserLocation NONE = new UserLocation("", 0, 0);

        public UserLocation {
            path = path == null ? "" : path;
        }
    }

    public HookInfo(String policyName, Kind kind, String subsys, String event, String function,
            List<ArgInfo> args, String message, List<String> tags) {
        this(policyName, kind, subsys, event, function, args, message, tags, UserLocation.NONE);
    }

    /** A hook of a policy that is known by its name alone (not namespaced). */
    public HookInfo(String policyName, Kind kind, String subsys, String event, String function,
            List<ArgInfo> args, String message, List<String> tags, UserLocation user) {
        this(policyName, kind, subsys, event, function, args, message, tags, user, policyName);
    }

    public HookInfo {
        policyName = policyName == null ? "" : policyName;
        subsys = subsys == null ? "" : subsys;
        event = event == null ? "" : event;
        function = function == null ? "" : function;
        args = List.copyOf(args);
        message = message == null ? "" : message;
        tags = List.copyOf(tags);
        user = user == null ? UserLocation.NONE : user;
        policyId = policyId == null || policyId.isEmpty() ? policyName : policyId;
    }

    /** The Tetragon event each hook kind produces. */
    public enum Kind {
        TRACEPOINT("process_tracepoint"),
        KPROBE("process_kprobe"),
        UPROBE("process_uprobe"),
        LSM("process_lsm");

        private final String eventKey;

        Kind(String eventKey) {
            this.eventKey = eventKey;
        }

        public String eventKey() {
            return eventKey;
        }
    }

    /** One argument: its policy type ({@code int}, {@code string}, {@code char_buf}, {@code file}, ...) and label. */
    public record ArgInfo(String type, String label) {
        public ArgInfo {
            type = type == null ? "" : type;
            label = label == null ? "" : label;
        }
    }
}
