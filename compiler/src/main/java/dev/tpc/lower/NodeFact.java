package dev.tpc.lower;

/**
 * A value only the node (or its agent) knows, which tpc records instead of guessing. The encoder
 * writes 0 in its place and reports where it sits, so that the loader can patch it.
 */
public sealed interface NodeFact {

    /** Inode of the host's (pid 1's) namespace of this kind: a {@code host_ns} value in matchNamespaces. */
    record HostNamespaceInode(Namespace namespace) implements NodeFact {}

    /** Inode of {@code /proc/1/ns/user}: what {@code isNamespaceCapability: true} compares against. */
    record HostUserNamespaceInode() implements NodeFact {}

    /** A followChildren set bit (0..63), allocated agent-wide when the policy loads. */
    record MatchBinariesSetId() implements NodeFact {}

    /**
     * The offsets of a {@code resolve:} path ({@code event_config.btf_arg[position]}): they come
     * from the target kernel's BTF, which tpc does not read.
     */
    record BtfPath(int position, String path) implements NodeFact {}

    /** Short name for reports: {@code host_ns:pid}, {@code host_userns}, {@code mbset_id}. */
    default String label() {
        if (this instanceof HostNamespaceInode h) {
            return "host_ns:" + h.namespace().procName();
        }
        if (this instanceof BtfPath b) {
            return "btf:" + b.path();
        }
        return this instanceof HostUserNamespaceInode ? "host_userns" : "mbset_id";
    }
}
