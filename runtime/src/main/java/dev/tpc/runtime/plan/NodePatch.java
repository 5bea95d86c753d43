package dev.tpc.runtime.plan;

/**
 * A value only the node knows, to be written little-endian at {@code offset} of a {@link Bytes} at
 * load time. {@code width} is 4 or 8 bytes.
 */
public record NodePatch(int offset, NodeFact fact, int width) {
    public NodePatch {
        if (fact == null) {
            throw new IllegalArgumentException("fact is required");
        }
        if (width != 4 && width != 8) {
            throw new IllegalArgumentException("patch width must be 4 or 8, not " + width);
        }
    }

    /** A 4-byte patch, the width of a namespace inode number. */
    public static NodePatch u32(int offset, NodeFact fact) {
        return new NodePatch(offset, fact, 4);
    }
}
