package dev.tpc.runtime.plan;

/** One key/value pair to write into a map (for per-CPU maps: the value of every CPU). */
public record MapEntry(Bytes key, Bytes value) {
    public MapEntry {
        if (key == null || value == null) {
            throw new IllegalArgumentException("key and value are required");
        }
    }

    public static MapEntry of(byte[] key, byte[] value) {
        return new MapEntry(Bytes.of(key), Bytes.of(value));
    }
}
