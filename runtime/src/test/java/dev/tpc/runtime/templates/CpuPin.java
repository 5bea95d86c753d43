package dev.tpc.runtime.templates;

import dev.tpc.testing.Skip;
import dev.tpc.runtime.testing.BpfTestSupport;
import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.size_t;

/**
 * Keeps the calling thread on the CPU it runs on (sched_setaffinity) until closed, so that test
 * runs of a program share that CPU's per-CPU maps. A test run must stay in the calling task (it
 * reads the task's user memory), which BPF_F_TEST_RUN_ON_CPU does not do from another CPU.
 */
final class CpuPin implements AutoCloseable {
    private static final int MASK_LONGS = 16; // 1024 CPUs

    /** The libc calls this needs; pid 0 is the calling thread. */
    public interface Sched {
        int sched_getaffinity(int pid, @size_t long size, @Out long[] mask);

        int sched_setaffinity(int pid, @size_t long size, @In long[] mask);

        int sched_getcpu();
    }

    private static final Sched SCHED = LibraryLoader.create(Sched.class).load("libc.so.6");

    private final long[] previous;

    private CpuPin(long[] previous) {
        this.previous = previous;
    }

    static CpuPin toCurrentCpu() {
        long[] previous = new long[MASK_LONGS];
        if (SCHED.sched_getaffinity(0, 8L * MASK_LONGS, previous) < 0) {
            return BpfTestSupport.skip(Skip.Kind.ENVIRONMENT, "sched_getaffinity failed: cannot pin the test to one CPU");
        }
        int cpu = SCHED.sched_getcpu();
        long[] one = new long[MASK_LONGS];
        one[cpu / 64] = 1L << (cpu % 64);
        if (cpu < 0 || SCHED.sched_setaffinity(0, 8L * MASK_LONGS, one) < 0) {
            return BpfTestSupport.skip(Skip.Kind.ENVIRONMENT, "sched_setaffinity failed: cannot pin the test to one CPU");
        }
        return new CpuPin(previous);
    }

    @Override
    public void close() {
        SCHED.sched_setaffinity(0, 8L * MASK_LONGS, previous);
    }
}
