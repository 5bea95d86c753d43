package dev.tpc.lower;

import java.util.List;

/** One matchNamespaces entry; each value is an inode or the node's own namespace ({@code host_ns}). */
public record NamespaceFilter(Namespace namespace, Operator op, List<Value> values) {
    public NamespaceFilter {
        values = List.copyOf(values);
    }

    public sealed interface Value {}

    /** A u32 inode number written in the policy. */
    public record Inode(long inode) implements Value {}

    /** {@code host_ns}: the inode of the host's namespace of this kind, known only on the node. */
    public record HostNamespace() implements Value {}
}
