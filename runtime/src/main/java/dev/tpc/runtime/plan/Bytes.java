package dev.tpc.runtime.plan;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * An immutable byte string of a load plan (a .rodata value, a map key or value), with the places
 * that the node fills in at load time ({@link NodePatch}: host namespace inodes and the like).
 */
public final class Bytes {
    private final byte[] value;
    private final List<NodePatch> patches;

    private Bytes(byte[] value, List<NodePatch> patches) {
        this.value = value.clone();
        this.patches = List.copyOf(patches);
        for (NodePatch p : this.patches) {
            if (p.offset() < 0 || p.offset() + p.width() > value.length) {
                throw new IllegalArgumentException("patch " + p + " lies outside " + value.length + " bytes");
            }
        }
    }

    public static Bytes of(byte[] value) {
        return new Bytes(value, List.of());
    }

    public static Bytes of(byte[] value, List<NodePatch> patches) {
        return new Bytes(value, patches);
    }

    /** A copy of the bytes as written in the plan, before node patches. */
    public byte[] value() {
        return value.clone();
    }

    public int length() {
        return value.length;
    }

    public List<NodePatch> patches() {
        return patches;
    }

    public boolean hasPatches() {
        return !patches.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(value, b.value) && patches.equals(b.patches);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(value) + patches.hashCode();
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(value) + (patches.isEmpty() ? "" : " " + patches);
    }
}
