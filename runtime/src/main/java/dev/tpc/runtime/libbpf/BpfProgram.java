package dev.tpc.runtime.libbpf;

import java.util.List;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/** A program of a {@link BpfObject}; valid while the object is open. */
public final class BpfProgram {
    private final BpfObject owner;
    private final Pointer handle;

    BpfProgram(BpfObject owner, Pointer handle) {
        this.owner = owner;
        this.handle = handle;
    }

    Pointer handle() {
        return handle;
    }

    private LibBpf bpf() {
        return owner.natives().bpf();
    }

    public String name() {
        return bpf().bpf_program__name(handle);
    }

    /** The ELF section, which tells libbpf the program type and default attach point. */
    public String section() {
        return bpf().bpf_program__section_name(handle);
    }

    /** Kernel program type ({@code enum bpf_prog_type}). */
    public int type() {
        return bpf().bpf_program__type(handle);
    }

    /** The program's fd once loaded; negative before. */
    public int fd() {
        return bpf().bpf_program__fd(handle);
    }

    /** Whether {@link BpfObject#load()} loads this program (default: yes). */
    public void setAutoload(boolean autoload) throws BpfException {
        check(bpf().bpf_program__set_autoload(handle, autoload), "set autoload of");
    }

    /** Sets the BTF attach target (fentry/fexit/fmod_ret/lsm function) before load. */
    public void setAttachTarget(String function) throws BpfException {
        check(bpf().bpf_program__set_attach_target(handle, 0, function), "set attach target " + function + " of");
    }

    public BpfLink attachTracepoint(String category, String event) throws BpfException {
        LibbpfLog.clear();
        return link(bpf().bpf_program__attach_tracepoint(handle, category, event), "tracepoint " + category + "/" + event);
    }

    public BpfLink attachRawTracepoint(String event) throws BpfException {
        LibbpfLog.clear();
        return link(bpf().bpf_program__attach_raw_tracepoint(handle, event), "raw_tracepoint " + event);
    }

    public BpfLink attachKprobe(String function, boolean retprobe) throws BpfException {
        LibbpfLog.clear();
        return link(bpf().bpf_program__attach_kprobe(handle, retprobe, function),
                (retprobe ? "kretprobe " : "kprobe ") + function);
    }

    /** kprobe_multi on the given symbols; cookie i goes with symbol i (Tetragon's multi layout). */
    public BpfLink attachKprobeMulti(List<String> symbols, boolean retprobe, long[] cookies) throws BpfException {
        Native n = owner.natives();
        int count = symbols.size();
        Pointer syms = Memory.allocateDirect(n.runtime(), 8L * Math.max(1, count), true);
        Pointer[] names = new Pointer[count];
        for (int i = 0; i < count; i++) {
            names[i] = Opts.cString(n, symbols.get(i));
            syms.putPointer(8L * i, names[i]);
        }
        Pointer opts = Opts.allocate(n, Opts.KprobeMulti.SIZE);
        opts.putPointer(Opts.KprobeMulti.SYMS, syms);
        opts.putLong(Opts.KprobeMulti.CNT, count);
        opts.putByte(Opts.KprobeMulti.RETPROBE, (byte) (retprobe ? 1 : 0));
        Pointer cookieArray = null;
        if (cookies != null) {
            cookieArray = Memory.allocateDirect(n.runtime(), 8L * Math.max(1, count), true);
            cookieArray.put(0, cookies, 0, count);
            opts.putPointer(Opts.KprobeMulti.COOKIES, cookieArray);
        }
        LibbpfLog.clear();
        Pointer link = bpf().bpf_program__attach_kprobe_multi_opts(handle, null, opts);
        // syms, names and cookies are reached only through native memory: keep them until libbpf has read them
        java.lang.ref.Reference.reachabilityFence(syms);
        java.lang.ref.Reference.reachabilityFence(names);
        java.lang.ref.Reference.reachabilityFence(cookieArray);
        return link(link, (retprobe ? "kretprobe_multi " : "kprobe_multi ") + String.join(",", symbols));
    }

    /**
     * uprobe on {@code binary} at {@code symbol} (resolved by libbpf from the ELF symbol table) or at
     * {@code offset} when symbol is null; {@code pid} -1 traces every process.
     */
    public BpfLink attachUprobe(String binary, String symbol, long offset, boolean retprobe, int pid) throws BpfException {
        return attachUprobe(binary, symbol, offset, retprobe, pid, 0);
    }

    /** As {@link #attachUprobe(String, String, long, boolean, int)}, with a USDT-style reference counter offset (0 = none). */
    public BpfLink attachUprobe(String binary, String symbol, long offset, boolean retprobe, int pid, long refCtrOffset)
            throws BpfException {
        Native n = owner.natives();
        Pointer opts = Opts.allocate(n, Opts.Uprobe.SIZE);
        opts.putByte(Opts.Uprobe.RETPROBE, (byte) (retprobe ? 1 : 0));
        opts.putLong(Opts.Uprobe.REF_CTR_OFFSET, refCtrOffset);
        Pointer func = symbol == null ? null : Opts.cString(n, symbol);
        if (func != null) {
            opts.putPointer(Opts.Uprobe.FUNC_NAME, func);
        }
        LibbpfLog.clear();
        Pointer link = bpf().bpf_program__attach_uprobe_opts(handle, pid, binary, symbol == null ? offset : 0, opts);
        java.lang.ref.Reference.reachabilityFence(func);
        return link(link, (retprobe ? "uretprobe " : "uprobe ") + binary + ":" + (symbol == null ? "0x" + Long.toHexString(offset) : symbol));
    }

    /** fentry, fexit or fmod_ret; the target was fixed at load time by section or {@link #setAttachTarget}. */
    public BpfLink attachTrace() throws BpfException {
        LibbpfLog.clear();
        return link(bpf().bpf_program__attach_trace(handle), "trace " + section());
    }

    public BpfLink attachLsm() throws BpfException {
        LibbpfLog.clear();
        return link(bpf().bpf_program__attach_lsm(handle), "lsm " + section());
    }

    /** Attaches the way the ELF section says ({@code SEC("tracepoint/a/b")} etc.). */
    public BpfLink attachBySection() throws BpfException {
        LibbpfLog.clear();
        return link(bpf().bpf_program__attach(handle), section());
    }

    /**
     * Runs the loaded program once through {@code BPF_PROG_TEST_RUN}. {@code ctx} is the context
     * (for raw tracepoints: the u64 arguments), {@code data} the packet for network types; either
     * may be null.
     */
    public TestRunResult testRun(byte[] ctx, byte[] data, int dataOutSize) throws BpfException {
        Native n = owner.natives();
        Pointer opts = Opts.allocate(n, Opts.TestRun.SIZE);
        Pointer ctxIn = null;
        Pointer dataIn = null;
        Pointer dataOut = null;
        if (ctx != null) {
            ctxIn = Opts.bytes(n, ctx);
            opts.putPointer(Opts.TestRun.CTX_IN, ctxIn);
            opts.putInt(Opts.TestRun.CTX_SIZE_IN, ctx.length);
        }
        if (data != null) {
            dataIn = Opts.bytes(n, data);
            opts.putPointer(Opts.TestRun.DATA_IN, dataIn);
            opts.putInt(Opts.TestRun.DATA_SIZE_IN, data.length);
        }
        if (dataOutSize > 0) {
            dataOut = Memory.allocateDirect(n.runtime(), dataOutSize, true);
            opts.putPointer(Opts.TestRun.DATA_OUT, dataOut);
            opts.putInt(Opts.TestRun.DATA_SIZE_OUT, dataOutSize);
        }
        int rc = bpf().bpf_prog_test_run_opts(fd(), opts);
        if (rc < 0) {
            throw new BpfException("BPF_PROG_TEST_RUN of program " + name(), -rc);
        }
        byte[] out = new byte[0];
        if (dataOut != null) {
            int outSize = Math.min(dataOutSize, opts.getInt(Opts.TestRun.DATA_SIZE_OUT));
            out = new byte[outSize];
            dataOut.get(0, out, 0, outSize);
        }
        java.lang.ref.Reference.reachabilityFence(ctxIn);
        java.lang.ref.Reference.reachabilityFence(dataIn);
        return new TestRunResult(opts.getInt(Opts.TestRun.RETVAL), out, opts.getInt(Opts.TestRun.DURATION));
    }

    private BpfLink link(Pointer link, String description) throws BpfException {
        if (link == null) {
            int errno = owner.natives().lastErrno();
            throw new BpfException(BpfObject.withLibbpfLog("cannot attach program " + name() + " to " + description), errno);
        }
        return new BpfLink(owner, link, description);
    }

    private void check(int rc, String what) throws BpfException {
        if (rc < 0) {
            throw new BpfException(BpfObject.withLibbpfLog("cannot " + what + " program " + name()), -rc);
        }
    }

    @Override
    public String toString() {
        return name();
    }

    /** Outcome of one test run: the program's return value, output data, and duration in ns. */
    public record TestRunResult(int retval, byte[] dataOut, int durationNs) {
    }
}
