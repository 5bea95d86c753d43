package dev.tpc.runtime.plan;

/**
 * Values a bundle cannot know when it is compiled, read on the node when the plan is loaded.
 * The host namespaces are those of PID 1 ({@code /proc/1/ns/<name>}), as Tetragon resolves
 * {@code host_ns} in matchNamespaces.
 */
public enum NodeFact {
    HOST_UTS_NS("uts"),
    HOST_IPC_NS("ipc"),
    HOST_MNT_NS("mnt"),
    HOST_PID_NS("pid"),
    HOST_PID_FOR_CHILDREN_NS("pid_for_children"),
    HOST_NET_NS("net"),
    HOST_TIME_NS("time"),
    HOST_TIME_FOR_CHILDREN_NS("time_for_children"),
    HOST_CGROUP_NS("cgroup"),
    /** The host user namespace, also the reference for capability checks in user namespaces. */
    HOST_USER_NS("user");

    private final String procName;

    NodeFact(String procName) {
        this.procName = procName;
    }

    /** File name under {@code /proc/1/ns/}. */
    public String procName() {
        return procName;
    }
}
