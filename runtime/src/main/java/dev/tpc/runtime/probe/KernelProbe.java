package dev.tpc.runtime.probe;

import dev.tpc.runtime.libbpf.Errno;
import dev.tpc.runtime.libbpf.KernelMap;
import dev.tpc.runtime.libbpf.MapTypes;
import dev.tpc.runtime.libbpf.Native;
import dev.tpc.runtime.libbpf.Opts;
import dev.tpc.runtime.sys.Mounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * Finds what the running kernel can do by loading and attaching small programs, not by reading
 * its version: helper lists (bpftool 7.1 calls bpf_override_return available on kernels whose
 * verifier refuses it) and version numbers both mislead. A feature is "yes" only when the kernel
 * accepted the program (and, for attach features, the attachment). Nothing is triggered: probe
 * programs return 0 and are detached at once, so no signal is sent and no return value changed.
 */
public final class KernelProbe {
    // enum bpf_prog_type
    static final int PROG_SOCKET_FILTER = 1;
    static final int PROG_KPROBE = 2;
    static final int PROG_TRACEPOINT = 5;
    static final int PROG_RAW_TRACEPOINT = 17;
    static final int PROG_TRACING = 26;
    static final int PROG_LSM = 29;
    // enum bpf_attach_type
    static final int ATTACH_TRACE_FENTRY = 24;
    static final int ATTACH_MODIFY_RETURN = 26;
    static final int ATTACH_LSM_MAC = 27;
    static final int ATTACH_PERF_EVENT = 41;
    static final int ATTACH_TRACE_KPROBE_MULTI = 42;
    static final int ATTACH_TRACE_UPROBE_MULTI = 48;
    // helpers
    static final int HELPER_TAIL_CALL = 12;
    static final int HELPER_OVERRIDE_RETURN = 58;
    static final int HELPER_SEND_SIGNAL = 109;
    static final int HELPER_GET_FUNC_IP = 173;
    private static final int BPF_MAXINSNS = 4096;
    private static final int BPF_LINK_CREATE = 28;
    private static final long PERF_EVENT_IOC_SET_BPF = 0x40042408L;
    private static final int BTF_KIND_FUNC = 12;

    private final Native n;
    private final List<String> notes = new ArrayList<>();

    private KernelProbe(Native n) {
        this.n = n;
    }

    /** Probes the running kernel. Mounts tracefs and securityfs if they are absent (noted in the report). */
    public static ProbeReport run(Native n) {
        return new KernelProbe(n).probe();
    }

    private ProbeReport probe() {
        for (Mounts.Outcome o : List.of(Mounts.ensureTracefs(n), Mounts.ensureSecurityfs(n))) {
            if (o.mountedNow() || !o.available()) {
                notes.add(o.describe());
            }
        }
        String release = KernelInfo.release();
        String version = KernelInfo.version(release);
        List<ProbeResult> r = new ArrayList<>();
        r.add(guard("large_programs", this::largePrograms));
        r.add(guard("signal_helper", () -> helper("signal_helper", HELPER_SEND_SIGNAL, new Insns().movR1(10))));
        r.add(guard("override_helper", () -> helper("override_helper", HELPER_OVERRIDE_RETURN, new Insns().movR2(0))));
        r.add(guard("fmodret_security", () -> tracing("fmodret_security", PROG_TRACING, ATTACH_MODIFY_RETURN, "security_task_prctl")));
        r.add(guard("fmodret_syscall", () -> tracing("fmodret_syscall", PROG_TRACING, ATTACH_MODIFY_RETURN,
                n.arch().syscallPrefix + "getcpu")));
        ProbeResult lsm = guard("bpf_lsm", this::bpfLsm);
        r.add(lsm);
        r.add(guard("bpf_lsm_by_default", () -> LsmConfig.bpfByDefault(release, lsm.value() == ProbeResult.Value.YES)));
        r.add(guard("kprobe_multi", this::kprobeMulti));
        r.add(guard("uprobe_multi", this::uprobeMulti));
        r.add(guard("fentry", () -> tracing("fentry", PROG_TRACING, ATTACH_TRACE_FENTRY, n.arch().syscallPrefix + "getpgid")));
        r.add(guard("build_id", this::buildId));
        r.addAll(KernelInfo.versionGates(version));
        r.add(guard("ring_buffer", this::ringBuffer));
        r.add(guard("time_namespaces", () -> ProbeResult.probed("time_namespaces", Files.exists(Path.of("/proc/self/ns/time")),
                "/proc/self/ns/time " + (Files.exists(Path.of("/proc/self/ns/time")) ? "exists" : "does not exist"))));
        r.add(guard("mix_bpf_and_tail_calls", this::mixBpfAndTailCalls));
        r.add(guard("substring_kfunc", () -> kfunc("substring_kfunc", "bpf_strnstr")));
        r.add(guard("substring_ignore_case_kfunc", () -> kfunc("substring_ignore_case_kfunc", "bpf_strncasestr")));
        r.add(guard("copy_from_user_str", () -> kfunc("copy_from_user_str", "bpf_copy_from_user_str")));
        r.add(new ProbeResult("uprobe_regs_change", ProbeResult.Value.UNKNOWN, "unmeasured",
                "tpc probe does not test register changes in uprobes", true));
        r.add(guard("get_func_ip", () -> helper("get_func_ip", HELPER_GET_FUNC_IP, new Insns())));
        r.add(guard("module_btf", KernelInfo::moduleBtf));
        // facts the profile format has no key for, but that decide what tpc run can attach here
        r.add(guard("tracepoint_attach", this::tracepointAttach));
        r.add(guard("raw_tracepoint_attach", this::rawTracepointAttach));
        r.add(guard("kprobe_attach", this::kprobeAttach));
        r.add(guard("vmlinux_btf", () -> ProbeResult.extra("vmlinux_btf", Files.exists(Path.of("/sys/kernel/btf/vmlinux")),
                "/sys/kernel/btf/vmlinux " + (Files.exists(Path.of("/sys/kernel/btf/vmlinux")) ? "exists" : "is missing"))));
        return new ProbeReport(release, version, n.arch() == Native.Arch.X86_64 ? "x86_64" : "arm64", r,
                KernelInfo.stringMatchMaxLength(version), notes);
    }

    @FunctionalInterface
    private interface Probe {
        ProbeResult run() throws IOException;
    }

    private static ProbeResult guard(String key, Probe p) {
        try {
            return p.run();
        } catch (IOException | RuntimeException e) {
            return new ProbeResult(key, ProbeResult.Value.UNKNOWN, "unmeasured", "probe failed: " + e, true);
        }
    }

    private ProbeResult largePrograms() {
        Insns big = new Insns();
        for (int i = 0; i < BPF_MAXINSNS; i++) {
            big.movR0(1);
        }
        big.exit();
        try (ProbeProgram p = ProbeProgram.load(n, PROG_SOCKET_FILTER, 0, 0, big)) {
            return ProbeResult.probed("large_programs", p.loaded(), p.loaded()
                    ? "a socket filter of " + big.count() + " instructions loaded"
                    : "a socket filter of " + big.count() + " instructions was refused: " + p.refusal());
        }
    }

    /** A kprobe program calling {@code helper} after {@code setup} (r1 is the context on entry). */
    private ProbeResult helper(String key, int helper, Insns setup) {
        Insns prog = setup.call(helper).movR0(0).exit();
        try (ProbeProgram p = ProbeProgram.load(n, PROG_KPROBE, 0, 0, prog)) {
            return ProbeResult.probed(key, p.loaded(), p.loaded()
                    ? "a kprobe program calling helper #" + helper + " loaded"
                    : "a kprobe program calling helper #" + helper + " was refused: " + p.refusal());
        }
    }

    /** A BTF-attached program (fentry, fmod_ret, lsm) on {@code function}: load, attach, detach. */
    private ProbeResult tracing(String key, int progType, int attachType, String function) {
        return btfAttach(key, progType, attachType, function, function);
    }

    private ProbeResult btfAttach(String key, int progType, int attachType, String function, String shown) {
        int btfId = n.bpf().libbpf_find_vmlinux_btf_id(function, attachType);
        if (btfId < 0) {
            return ProbeResult.probed(key, false, "no BTF function " + shown + " in the kernel's BTF: " + Errno.describe(-btfId));
        }
        try (ProbeProgram p = ProbeProgram.load(n, progType, attachType, btfId, Insns.returnZero())) {
            if (!p.loaded()) {
                return ProbeResult.probed(key, false, "program for " + shown + " was refused: " + p.refusal());
            }
            int link = n.bpf().bpf_raw_tracepoint_open(null, p.fd());
            if (link < 0) {
                return ProbeResult.probed(key, false, "program for " + shown + " loaded but did not attach: " + Errno.describe(-link));
            }
            n.libc().close(link);
            return ProbeResult.probed(key, true, "attached to " + shown);
        }
    }

    private ProbeResult bpfLsm() throws IOException {
        Path lsmList = Mounts.SECURITYFS.resolve("lsm");
        if (!Files.exists(lsmList)) {
            return ProbeResult.probed("bpf_lsm", false, lsmList + " is missing (securityfs unavailable)");
        }
        String active = Files.readString(lsmList).strip();
        if (!List.of(active.split(",")).contains("bpf")) {
            return ProbeResult.probed("bpf_lsm", false, "bpf is not an active LSM (" + lsmList + ": " + active + ")");
        }
        ProbeResult attach = btfAttach("bpf_lsm", PROG_LSM, ATTACH_LSM_MAC, "file_open", "lsm/file_open");
        return new ProbeResult("bpf_lsm", attach.value(), "probed", "active LSMs " + active + "; " + attach.evidence(), true);
    }

    private ProbeResult kprobeMulti() {
        try (ProbeProgram p = ProbeProgram.load(n, PROG_KPROBE, ATTACH_TRACE_KPROBE_MULTI, 0, Insns.returnZero())) {
            if (!p.loaded()) {
                return ProbeResult.probed("kprobe_multi", false, "a kprobe.multi program was refused: " + p.refusal());
            }
            Pointer symbol = Opts.cString(n, "vprintk");
            Pointer syms = Memory.allocateDirect(n.runtime(), 8, true);
            syms.putPointer(0, symbol);
            Pointer opts = Opts.allocate(n, Opts.LinkCreate.SIZE);
            opts.putInt(Opts.LinkCreate.KPROBE_MULTI_CNT, 1);
            opts.putPointer(Opts.LinkCreate.KPROBE_MULTI_SYMS, syms);
            int link = n.bpf().bpf_link_create(p.fd(), 0, ATTACH_TRACE_KPROBE_MULTI, opts);
            java.lang.ref.Reference.reachabilityFence(symbol);
            java.lang.ref.Reference.reachabilityFence(syms);
            if (link < 0) {
                return ProbeResult.probed("kprobe_multi", false, "kprobe.multi link on vprintk refused: " + Errno.describe(-link));
            }
            n.libc().close(link);
            return ProbeResult.probed("kprobe_multi", true, "kprobe.multi link on vprintk attached");
        }
    }

    /**
     * uprobe_multi, the way cilium/ebpf tells: a link on path "/" fails with EBADF when the kernel
     * knows the link type (it got as far as opening the path), EINVAL when it does not.
     */
    private ProbeResult uprobeMulti() {
        try (ProbeProgram p = ProbeProgram.load(n, PROG_KPROBE, ATTACH_TRACE_UPROBE_MULTI, 0, Insns.returnZero())) {
            if (!p.loaded()) {
                return ProbeResult.probed("uprobe_multi", false, "a uprobe.multi program was refused: " + p.refusal());
            }
            Pointer path = Opts.cString(n, "/");
            Pointer offsets = Memory.allocateDirect(n.runtime(), 8, true);
            Pointer attr = Memory.allocateDirect(n.runtime(), 64, true);
            attr.putInt(0, p.fd());
            attr.putInt(8, ATTACH_TRACE_UPROBE_MULTI);
            attr.putLong(16, path.address());
            attr.putLong(24, offsets.address());
            attr.putInt(48, 1);
            long rc = n.libc().syscall(n.arch().bpf, BPF_LINK_CREATE, attr.address(), 64, 0, 0, 0);
            int errno = rc < 0 ? n.lastErrno() : 0;
            // the kernel reads attr and what it points at by address only
            java.lang.ref.Reference.reachabilityFence(attr);
            java.lang.ref.Reference.reachabilityFence(path);
            java.lang.ref.Reference.reachabilityFence(offsets);
            if (rc >= 0) {
                n.libc().close((int) rc);
                return ProbeResult.probed("uprobe_multi", true, "uprobe.multi link created");
            }
            boolean known = errno == Errno.EBADF;
            return ProbeResult.probed("uprobe_multi", known, known
                    ? "uprobe.multi link on \"/\" failed with EBADF: the kernel knows the link type"
                    : "uprobe.multi link refused: " + Errno.describe(errno));
        }
    }

    private ProbeResult buildId() {
        Perf.Result r = Perf.buildId(n);
        if (r.ok()) {
            n.libc().close(r.fd());
            return ProbeResult.probed("build_id", true, "perf_event_open accepted the build_id bit");
        }
        return ProbeResult.probed("build_id", false, "perf_event_open with the build_id bit: " + r.error());
    }

    private ProbeResult ringBuffer() {
        try (KernelMap m = KernelMap.create(n, MapTypes.RINGBUF, "tpc_probe_rb", 0, 0, 4096, 0)) {
            return ProbeResult.probed("ring_buffer", true, "a 4096-byte ring buffer map was created");
        } catch (dev.tpc.runtime.libbpf.BpfException e) {
            return ProbeResult.probed("ring_buffer", false, e.getMessage());
        }
    }

    /** A subprogram that tail-calls: kprobe program, BPF-to-BPF call, bpf_tail_call on a prog array. */
    private ProbeResult mixBpfAndTailCalls() {
        try (KernelMap progs = KernelMap.create(n, MapTypes.PROG_ARRAY, "tpc_probe_pa", 4, 4, 1, 0)) {
            Insns prog = new Insns().callLocal(2).movR0(0).exit()
                    .loadMapFdR2(progs.fd()).movR3(0).call(HELPER_TAIL_CALL).movR0(0).exit();
            byte[] btf = FuncBtf.functions("tpc_main", "tpc_sub");
            int btfFd = n.bpf().bpf_btf_load(btf, btf.length, null);
            if (btfFd < 0) {
                return ProbeResult.probed("mix_bpf_and_tail_calls", false, "loading function BTF: " + Errno.describe(-btfFd));
            }
            try (ProbeProgram p = ProbeProgram.load(n, PROG_KPROBE, 0, 0, prog, btfFd, new int[] {0, 4, 3, 5})) {
                return ProbeResult.probed("mix_bpf_and_tail_calls", p.loaded(), p.loaded()
                        ? "a program with a BPF-to-BPF call into a tail call loaded"
                        : "BPF-to-BPF call with a tail call refused: " + p.refusal());
            } finally {
                n.libc().close(btfFd);
            }
        } catch (dev.tpc.runtime.libbpf.BpfException e) {
            return ProbeResult.probed("mix_bpf_and_tail_calls", false, e.getMessage());
        }
    }

    private ProbeResult kfunc(String key, String name) {
        Pointer btf = n.bpf().btf__load_vmlinux_btf();
        if (btf == null) {
            return ProbeResult.probed(key, false, "no vmlinux BTF, so no kfuncs");
        }
        try {
            int id = n.bpf().btf__find_by_name_kind(btf, name, BTF_KIND_FUNC);
            return ProbeResult.probed(key, id > 0, id > 0 ? "kfunc " + name + " is in the kernel's BTF"
                    : "kfunc " + name + " is not in the kernel's BTF");
        } finally {
            n.bpf().btf__free(btf);
        }
    }

    private ProbeResult tracepointAttach() throws IOException {
        Path syscall = tracefs().resolve("events/syscalls/sys_enter_getpid/id");
        Path id = Files.exists(syscall) ? syscall : tracefs().resolve("events/sched/sched_process_exec/id");
        if (!Files.exists(id)) {
            return ProbeResult.extra("tracepoint_attach", false, "no tracepoint ids under " + tracefs());
        }
        String event = tracefs().resolve("events").relativize(id.getParent()).toString();
        return perfAttach("tracepoint_attach", PROG_TRACEPOINT, () -> Perf.tracepoint(n, Long.parseLong(readTrim(id))),
                "tracepoint " + event);
    }

    private ProbeResult kprobeAttach() {
        int pmu = Perf.kprobePmuType();
        if (pmu < 0) {
            return ProbeResult.extra("kprobe_attach", false, "the kernel has no kprobe PMU (/sys/bus/event_source/devices/kprobe)");
        }
        String fn = n.arch().syscallPrefix + "getpgid";
        return perfAttach("kprobe_attach", PROG_KPROBE, () -> Perf.kprobe(n, pmu, fn), "kprobe " + fn);
    }

    private ProbeResult perfAttach(String key, int progType, Supplier<Perf.Result> event, String what) {
        try (ProbeProgram p = ProbeProgram.load(n, progType, 0, 0, Insns.returnZero())) {
            if (!p.loaded()) {
                return ProbeResult.extra(key, false, "program for " + what + " was refused: " + p.refusal());
            }
            Perf.Result ev = event.get();
            if (!ev.ok()) {
                return ProbeResult.extra(key, false, "perf event for " + what + ": " + ev.error());
            }
            try {
                int link = n.bpf().bpf_link_create(p.fd(), ev.fd(), ATTACH_PERF_EVENT, null);
                if (link >= 0) {
                    n.libc().close(link);
                    return ProbeResult.extra(key, true, "attached to " + what);
                }
                // kernels before 5.15 have no perf-event links: attach the old way
                if (n.libc().ioctl(ev.fd(), PERF_EVENT_IOC_SET_BPF, p.fd()) == 0) {
                    return ProbeResult.extra(key, true, "attached to " + what + " (PERF_EVENT_IOC_SET_BPF)");
                }
                return ProbeResult.extra(key, false, "attaching to " + what + ": " + Errno.describe(-link));
            } finally {
                n.libc().close(ev.fd());
            }
        }
    }

    private ProbeResult rawTracepointAttach() {
        try (ProbeProgram p = ProbeProgram.load(n, PROG_RAW_TRACEPOINT, 0, 0, Insns.returnZero())) {
            if (!p.loaded()) {
                return ProbeResult.extra("raw_tracepoint_attach", false, "raw tracepoint program refused: " + p.refusal());
            }
            int link = n.bpf().bpf_raw_tracepoint_open("sys_enter", p.fd());
            if (link < 0) {
                return ProbeResult.extra("raw_tracepoint_attach", false, "raw tracepoint sys_enter: " + Errno.describe(-link));
            }
            n.libc().close(link);
            return ProbeResult.extra("raw_tracepoint_attach", true, "attached to raw tracepoint sys_enter");
        }
    }

    private static Path tracefs() {
        return "tracefs".equals(Mounts.fsTypeAt(Mounts.DEBUGFS_TRACING).orElse("")) ? Mounts.DEBUGFS_TRACING : Mounts.TRACEFS;
    }

    private static String readTrim(Path p) {
        try {
            return Files.readString(p).strip();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
