package dev.tpc.runtime.probe;

import dev.tpc.runtime.libbpf.Native;
import dev.tpc.runtime.libbpf.Opts;
import jnr.ffi.Pointer;

/**
 * This process's id as BPF programs see it: the thread-group id in the initial pid namespace,
 * which is what {@code bpf_get_current_pid_tgid()} returns. Inside a container with its own pid
 * namespace {@link ProcessHandle#pid()} is a different number, so the kernel is asked: a raw
 * tracepoint program that returns {@code bpf_get_current_pid_tgid() >> 32}, run once with
 * {@code BPF_PROG_TEST_RUN}, which runs it in the calling task.
 */
public final class HostTgid {
    private static final int BPF_PROG_TYPE_RAW_TRACEPOINT = 17;
    private static final int HELPER_GET_CURRENT_PID_TGID = 14;

    private HostTgid() {
    }

    /** The host tgid of this process; {@link ProcessHandle#pid()} when the kernel cannot be asked. */
    public static int of(Native n) {
        Insns insns = new Insns().call(HELPER_GET_CURRENT_PID_TGID).rshR0(32).exit();
        try (ProbeProgram prog = ProbeProgram.load(n, BPF_PROG_TYPE_RAW_TRACEPOINT, 0, 0, insns)) {
            if (prog.loaded()) {
                Pointer opts = Opts.allocate(n, Opts.TestRun.SIZE);
                if (n.bpf().bpf_prog_test_run_opts(prog.fd(), opts) == 0) {
                    int tgid = opts.getInt(Opts.TestRun.RETVAL);
                    if (tgid > 0) {
                        return tgid;
                    }
                }
            }
        }
        return (int) ProcessHandle.current().pid();
    }
}
