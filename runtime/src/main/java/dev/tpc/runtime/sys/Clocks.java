package dev.tpc.runtime.sys;

import dev.tpc.runtime.libbpf.Native;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * The offset between the wall clock and the boot clock ({@code CLOCK_BOOTTIME}, what
 * {@code bpf_ktime_get_boot_ns} returns), to turn BPF timestamps into UTC times.
 */
public final class Clocks {
    private static final int CLOCK_REALTIME = 0;
    private static final int CLOCK_BOOTTIME = 7;

    private Clocks() {
    }

    /** Wall-clock ns minus boot-clock ns, sampled with the boot clock read between two wall reads. */
    public static long bootOffsetNanos(Native n) {
        Pointer ts = Memory.allocateDirect(n.runtime(), 16, true);
        long wall1 = read(n, CLOCK_REALTIME, ts);
        long boot = read(n, CLOCK_BOOTTIME, ts);
        long wall2 = read(n, CLOCK_REALTIME, ts);
        return (wall1 + (wall2 - wall1) / 2) - boot;
    }

    private static long read(Native n, int clock, Pointer ts) {
        if (n.libc().clock_gettime(clock, ts) != 0) {
            throw new IllegalStateException("clock_gettime(" + clock + ") failed");
        }
        return ts.getLong(0) * 1_000_000_000L + ts.getLong(8);
    }
}
