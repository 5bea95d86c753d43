package dev.tpc.runtime.probe;

import dev.tpc.runtime.libbpf.Errno;
import dev.tpc.runtime.libbpf.Native;
import dev.tpc.runtime.libbpf.Opts;
import java.nio.file.Files;
import java.nio.file.Path;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/** perf_event_open for the probes: tracepoint and kprobe events to attach programs to, and the build-id bit. */
final class Perf {
    static final int PERF_TYPE_SOFTWARE = 1;
    static final int PERF_TYPE_TRACEPOINT = 2;
    static final int PERF_COUNT_SW_DUMMY = 9;
    private static final int ATTR_SIZE = 112;
    private static final int FLAGS_OFFSET = 40;
    private static final int CONFIG1_OFFSET = 56;
    private static final long FLAG_MMAP = 1L << 8;
    private static final long FLAG_WATERMARK = 1L << 14;
    private static final long FLAG_MMAP2 = 1L << 23;
    private static final long FLAG_BUILD_ID = 1L << 34;
    private static final long PERF_FLAG_FD_CLOEXEC = 8;

    private Perf() {
    }

    /** An fd, or a negative errno. */
    record Result(int fd, int errno) {
        boolean ok() {
            return fd >= 0;
        }

        String error() {
            return Errno.describe(errno);
        }
    }

    static Result open(Native n, int type, long config, long flags, Pointer config1) {
        Pointer attr = Memory.allocateDirect(n.runtime(), ATTR_SIZE, true);
        attr.putInt(0, type);
        attr.putInt(4, ATTR_SIZE);
        attr.putLong(8, config);
        attr.putLong(FLAGS_OFFSET, flags);
        if (config1 != null) {
            attr.putLong(CONFIG1_OFFSET, config1.address());
        }
        long fd = n.libc().syscall(n.arch().perfEventOpen, attr.address(), -1, 0, -1, PERF_FLAG_FD_CLOEXEC, 0);
        java.lang.ref.Reference.reachabilityFence(attr);
        java.lang.ref.Reference.reachabilityFence(config1);
        return fd < 0 ? new Result(-1, n.lastErrno()) : new Result((int) fd, 0);
    }

    /** A tracepoint event by its tracefs id. */
    static Result tracepoint(Native n, long id) {
        return open(n, PERF_TYPE_TRACEPOINT, id, 0, null);
    }

    /** A kprobe on {@code function} through the kprobe PMU; empty type when the kernel has none. */
    static Result kprobe(Native n, int pmuType, String function) {
        Pointer name = Opts.cString(n, function);
        return open(n, pmuType, 0, 0, name);
    }

    /** A dummy software event with the build-id bit set: refused by kernels that do not know the bit. */
    static Result buildId(Native n) {
        return open(n, PERF_TYPE_SOFTWARE, PERF_COUNT_SW_DUMMY, FLAG_WATERMARK | FLAG_MMAP | FLAG_MMAP2 | FLAG_BUILD_ID, null);
    }

    /** The dynamic PMU type of kprobes ({@code /sys/bus/event_source/devices/kprobe/type}), or -1. */
    static int kprobePmuType() {
        try {
            return Integer.parseInt(Files.readString(Path.of("/sys/bus/event_source/devices/kprobe/type")).strip());
        } catch (Exception e) {
            return -1;
        }
    }
}
