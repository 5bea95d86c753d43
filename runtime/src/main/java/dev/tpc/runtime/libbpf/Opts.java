package dev.tpc.runtime.libbpf;

import java.nio.charset.StandardCharsets;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * libbpf's {@code *_opts} structures, built by hand. In C they are filled through the
 * {@code LIBBPF_OPTS} macro, which jnr-ffi cannot expand: each starts with {@code size_t sz}
 * (the structure size this caller knows), and libbpf accepts any size as long as the bytes it
 * does not know are zero. The offsets below are libbpf 1.1's on LP64 (x86-64 and aarch64);
 * {@code OptsLayoutTest} checks them against the installed headers.
 */
public final class Opts {
    private Opts() {
    }

    /** struct bpf_object_open_opts. */
    public static final class ObjectOpen {
        public static final int SIZE = 80;
        public static final int OBJECT_NAME = 8;
    }

    /** struct bpf_test_run_opts. */
    public static final class TestRun {
        public static final int SIZE = 80;
        public static final int DATA_IN = 8;
        public static final int DATA_OUT = 16;
        public static final int DATA_SIZE_IN = 24;
        public static final int DATA_SIZE_OUT = 28;
        public static final int CTX_IN = 32;
        public static final int CTX_OUT = 40;
        public static final int CTX_SIZE_IN = 48;
        public static final int CTX_SIZE_OUT = 52;
        public static final int RETVAL = 56;
        public static final int REPEAT = 60;
        public static final int DURATION = 64;
        public static final int FLAGS = 68;
        public static final int CPU = 72;
    }

    /** struct bpf_prog_load_opts. */
    public static final class ProgLoad {
        public static final int SIZE = 104;
        public static final int EXPECTED_ATTACH_TYPE = 12;
        public static final int PROG_BTF_FD = 16;
        public static final int PROG_FLAGS = 20;
        public static final int ATTACH_BTF_ID = 32;
        public static final int FUNC_INFO = 56;
        public static final int FUNC_INFO_CNT = 64;
        public static final int FUNC_INFO_REC_SIZE = 68;
        public static final int LOG_LEVEL = 88;
        public static final int LOG_SIZE = 92;
        public static final int LOG_BUF = 96;
    }

    /** struct bpf_map_create_opts. */
    public static final class MapCreate {
        public static final int SIZE = 48;
        public static final int INNER_MAP_FD = 24;
        public static final int MAP_FLAGS = 28;
        public static final int MAP_EXTRA = 32;
    }

    /** struct bpf_link_create_opts. */
    public static final class LinkCreate {
        public static final int SIZE = 64;
        public static final int FLAGS = 8;
        public static final int KPROBE_MULTI_FLAGS = 32;
        public static final int KPROBE_MULTI_CNT = 36;
        public static final int KPROBE_MULTI_SYMS = 40;
        public static final int KPROBE_MULTI_ADDRS = 48;
        public static final int KPROBE_MULTI_COOKIES = 56;
    }

    /** struct bpf_uprobe_opts. */
    public static final class Uprobe {
        public static final int SIZE = 40;
        public static final int REF_CTR_OFFSET = 8;
        public static final int BPF_COOKIE = 16;
        public static final int RETPROBE = 24;
        public static final int FUNC_NAME = 32;
    }

    /** struct bpf_kprobe_multi_opts. */
    public static final class KprobeMulti {
        public static final int SIZE = 48;
        public static final int SYMS = 8;
        public static final int ADDRS = 16;
        public static final int COOKIES = 24;
        public static final int CNT = 32;
        public static final int RETPROBE = 40;
    }

    /** Zeroed direct memory of {@code size} bytes with {@code sz} set: an empty opts structure. */
    public static Pointer allocate(Native n, int size) {
        Pointer p = Memory.allocateDirect(n.runtime(), size, true);
        p.putLong(0, size);
        return p;
    }

    /** A NUL-terminated copy of {@code s} in direct memory (for {@code const char *} fields of opts). */
    public static Pointer cString(Native n, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        Pointer p = Memory.allocateDirect(n.runtime(), bytes.length + 1, true);
        p.put(0, bytes, 0, bytes.length);
        return p;
    }

    /** A copy of {@code bytes} in direct memory (at least one byte, so that the address is valid). */
    public static Pointer bytes(Native n, byte[] bytes) {
        Pointer p = Memory.allocateDirect(n.runtime(), Math.max(1, bytes.length), true);
        p.put(0, bytes, 0, bytes.length);
        return p;
    }
}
