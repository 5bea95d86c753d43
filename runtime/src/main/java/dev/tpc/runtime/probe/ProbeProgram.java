package dev.tpc.runtime.probe;

import dev.tpc.runtime.libbpf.Errno;
import dev.tpc.runtime.libbpf.Native;
import dev.tpc.runtime.libbpf.Opts;
import java.nio.charset.StandardCharsets;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * A raw probe program loaded with {@code bpf_prog_load}: either an fd (close it) or the reason the
 * kernel refused it (errno and the verifier's last line).
 */
final class ProbeProgram implements AutoCloseable {
    private static final int LOG_SIZE = 64 * 1024;

    private final Native n;
    private final int fd;
    private final int errno;
    private final String log;

    private ProbeProgram(Native n, int fd, int errno, String log) {
        this.n = n;
        this.fd = fd;
        this.errno = errno;
        this.log = log;
    }

    /** Loads without a log first (a log buffer too small for a large program fails the load), then with one to say why. */
    static ProbeProgram load(Native n, int progType, int expectedAttachType, int attachBtfId, Insns insns) {
        return load(n, progType, expectedAttachType, attachBtfId, insns, -1, null);
    }

    /**
     * With function info: {@code btfFd} holds the functions' BTF, {@code funcInfo} pairs of
     * (first instruction, BTF type id) per function.
     */
    static ProbeProgram load(Native n, int progType, int expectedAttachType, int attachBtfId, Insns insns,
            int btfFd, int[] funcInfo) {
        ProbeProgram quiet = load(n, progType, expectedAttachType, attachBtfId, insns, btfFd, funcInfo, false);
        return quiet.loaded() ? quiet : load(n, progType, expectedAttachType, attachBtfId, insns, btfFd, funcInfo, true);
    }

    private static ProbeProgram load(Native n, int progType, int expectedAttachType, int attachBtfId, Insns insns,
            int btfFd, int[] funcInfo, boolean withLog) {
        byte[] code = insns.bytes();
        Pointer insnMem = Memory.allocateDirect(n.runtime(), code.length, true);
        insnMem.put(0, code, 0, code.length);
        Pointer logBuf = Memory.allocateDirect(n.runtime(), LOG_SIZE, true);
        Pointer opts = Opts.allocate(n, Opts.ProgLoad.SIZE);
        opts.putInt(Opts.ProgLoad.EXPECTED_ATTACH_TYPE, expectedAttachType);
        opts.putInt(Opts.ProgLoad.ATTACH_BTF_ID, attachBtfId);
        Pointer info = null;
        if (funcInfo != null) {
            info = Memory.allocateDirect(n.runtime(), 4L * funcInfo.length, true);
            info.put(0, funcInfo, 0, funcInfo.length);
            opts.putInt(Opts.ProgLoad.PROG_BTF_FD, btfFd);
            opts.putPointer(Opts.ProgLoad.FUNC_INFO, info);
            opts.putInt(Opts.ProgLoad.FUNC_INFO_CNT, funcInfo.length / 2);
            opts.putInt(Opts.ProgLoad.FUNC_INFO_REC_SIZE, 8);
        }
        if (withLog) {
            opts.putInt(Opts.ProgLoad.LOG_LEVEL, 1);
            opts.putInt(Opts.ProgLoad.LOG_SIZE, LOG_SIZE);
            opts.putPointer(Opts.ProgLoad.LOG_BUF, logBuf);
        }
        int fd = n.bpf().bpf_prog_load(progType, "tpc_probe", "GPL", insnMem, insns.count(), opts);
        java.lang.ref.Reference.reachabilityFence(info);
        java.lang.ref.Reference.reachabilityFence(insnMem);
        String log = fd < 0 ? lastLine(logBuf.getString(0, LOG_SIZE, StandardCharsets.UTF_8)) : "";
        return new ProbeProgram(n, fd, fd < 0 ? -fd : 0, log);
    }

    /** The verifier's complaint: the last non-empty line that is not a statistics line. */
    private static String lastLine(String log) {
        String[] lines = log.strip().split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String l = lines[i].strip();
            if (!l.isEmpty() && !l.startsWith("processed ") && !l.startsWith("verification time")
                    && !l.startsWith("stack depth")) {
                return l;
            }
        }
        return "";
    }

    boolean loaded() {
        return fd >= 0;
    }

    int fd() {
        return fd;
    }

    /** Why the load failed, e.g. {@code EINVAL (invalid argument): unknown func bpf_override_return#58}. */
    String refusal() {
        return Errno.describe(errno) + (log.isEmpty() ? "" : ": " + log);
    }

    @Override
    public void close() {
        if (fd >= 0) {
            n.libc().close(fd);
        }
    }
}
