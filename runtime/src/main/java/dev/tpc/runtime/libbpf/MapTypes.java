package dev.tpc.runtime.libbpf;

/** The {@code enum bpf_map_type} values the runtime handles by name. */
public final class MapTypes {
    public static final int HASH = 1;
    public static final int ARRAY = 2;
    public static final int PROG_ARRAY = 3;
    public static final int PERCPU_HASH = 5;
    public static final int PERCPU_ARRAY = 6;
    public static final int LRU_HASH = 9;
    public static final int LPM_TRIE = 11;
    public static final int ARRAY_OF_MAPS = 12;
    public static final int HASH_OF_MAPS = 13;
    public static final int RINGBUF = 27;

    private MapTypes() {
    }

    public static boolean isPerCpu(int type) {
        return type == PERCPU_ARRAY || type == PERCPU_HASH || type == 10 /* LRU_PERCPU_HASH */;
    }
}
