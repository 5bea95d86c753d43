package dev.tpc.runtime.probe;

import dev.tpc.runtime.libbpf.LibbpfUnavailableException;
import dev.tpc.runtime.libbpf.Native;
import dev.tpc.runtime.sys.Mounts;
import dev.tpc.runtime.sys.Privileges;
import dev.tpc.target.KernelVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What this machine lacks to run tpc's runtime, each finding with the fix. Mounts tracefs and bpffs
 * when they are absent (and says so), like the runtime does before loading.
 */
public final class Doctor {
    private Doctor() {
    }

    public enum Status { OK, WARNING, MISSING }

    /** One check: what was looked at, the verdict, the details, and what to do when it is not OK. */
    public record Finding(String check, Status status, String detail, String fix) {
    }

    public static List<Finding> examine() {
        List<Finding> out = new ArrayList<>();
        String os = System.getProperty("os.name", "");
        if (!os.toLowerCase(Locale.ROOT).contains("linux")) {
            out.add(new Finding("platform", Status.MISSING, "this is " + os,
                    "run tpc run/probe on Linux; check and compile work everywhere"));
            return out;
        }
        Native n = null;
        try {
            n = Native.get();
            out.add(new Finding("libbpf", Status.OK, Native.LIBBPF_SONAME + " " + n.libbpfVersion(), ""));
        } catch (LibbpfUnavailableException e) {
            out.add(new Finding("libbpf", Status.MISSING, e.getMessage(), "install libbpf 1.x (Debian/Ubuntu package libbpf1)"));
        }
        out.add(kernel());
        out.add(privileges());
        out.add(lockdown());
        if (n != null) {
            out.add(bpfLoad(n));
        }
        out.add(mount(n, "tracefs", Mounts.ensureTracefs(n), "tracepoints need it: libbpf reads their ids there"));
        out.add(mount(n, "bpffs", Mounts.ensureBpffs(n), "needed to pin BPF objects"));
        boolean btf = Files.exists(Path.of("/sys/kernel/btf/vmlinux"));
        out.add(new Finding("BTF", btf ? Status.OK : Status.MISSING,
                btf ? "/sys/kernel/btf/vmlinux present" : "/sys/kernel/btf/vmlinux is missing",
                btf ? "" : "use a kernel built with CONFIG_DEBUG_INFO_BTF=y (every Debian kernel since 5.10 has it)"));
        return out;
    }

    /** The templates exist for kernels from the oldest variant's minimum on (5.10). */
    private static Finding kernel() {
        String release;
        try {
            release = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        } catch (java.io.IOException e) {
            return new Finding("kernel", Status.WARNING, "cannot read /proc/sys/kernel/osrelease: " + e.getMessage(), "");
        }
        String oldest = null;
        for (dev.tpc.abi.TemplateAbi.Variant v : dev.tpc.abi.TemplateAbi.Variant.values()) {
            if (oldest == null || majorMinor(v.minKernel()).compareTo(majorMinor(oldest)) < 0) {
                oldest = v.minKernel();
            }
        }
        if (oldest != null && majorMinor(release).compareTo(majorMinor(oldest)) < 0) {
            return new Finding("kernel", Status.MISSING, "kernel " + release + " is older than " + oldest
                    + " (ring buffer, boot clock and raw tracepoint test runs are needed)", "use kernel " + oldest + " or newer");
        }
        return new Finding("kernel", Status.OK, "kernel " + release, "");
    }

    /** MAJOR.MINOR of a kernel version ({@code 6.18.44-fc}, {@code 5.10}); 0.0 when it has none. */
    private static KernelVersion majorMinor(String version) {
        return KernelVersion.parse(version).map(k -> new KernelVersion(k.major(), k.minor(), 0)).orElse(new KernelVersion(0, 0, 0));
    }

    /** Whether the kernel lets this process load a trivial program (privileges, sysctls and seccomp all say yes). */
    private static Finding bpfLoad(Native n) {
        try (ProbeProgram p = ProbeProgram.load(n, KernelProbe.PROG_SOCKET_FILTER, 0, 0, Insns.returnZero())) {
            if (p.loaded()) {
                return new Finding("bpf", Status.OK, "a BPF program loaded", "");
            }
            return new Finding("bpf", Status.MISSING, "the kernel refused a trivial BPF program: " + p.refusal(),
                    "run as root (kernel.unprivileged_bpf_disabled), outside a seccomp profile that blocks bpf(2)");
        }
    }

    private static Finding privileges() {
        long caps = Privileges.effectiveCapabilities();
        boolean root = Privileges.isRoot();
        boolean admin = Privileges.has(caps, Privileges.CAP_SYS_ADMIN);
        boolean bpfCaps = Privileges.has(caps, Privileges.CAP_BPF) && Privileges.has(caps, Privileges.CAP_PERFMON);
        if (admin || bpfCaps) {
            return new Finding("privileges", Status.OK, (root ? "root" : "not root") + ", effective capabilities "
                    + (admin ? "include CAP_SYS_ADMIN" : "include CAP_BPF and CAP_PERFMON"), "");
        }
        return new Finding("privileges", Status.MISSING, (root ? "root without" : "not root and without")
                + " CAP_SYS_ADMIN or CAP_BPF+CAP_PERFMON (CapEff " + Long.toHexString(caps) + ")",
                "run as root, or grant CAP_BPF, CAP_PERFMON (and CAP_SYS_ADMIN for mounts), e.g. sudo setcap");
    }

    private static Finding lockdown() {
        Optional<String> mode = Privileges.lockdown();
        if (mode.isEmpty()) {
            return new Finding("lockdown", Status.OK, "no lockdown information (securityfs not mounted or no lockdown LSM)", "");
        }
        return switch (mode.get()) {
            case "none" -> new Finding("lockdown", Status.OK, "lockdown: none", "");
            case "integrity" -> new Finding("lockdown", Status.WARNING,
                    "lockdown: integrity (bpf_probe_write_user is refused; tpc does not use it)", "");
            default -> new Finding("lockdown", Status.MISSING, "lockdown: " + mode.get()
                    + " (BPF programs may not read kernel memory)", "boot without lockdown=confidentiality (or with Secure Boot off)");
        };
    }

    private static Finding mount(Native n, String name, Mounts.Outcome o, String why) {
        if (o.wasMounted()) {
            return new Finding(name, Status.OK, o.describe(), "");
        }
        if (o.mountedNow()) {
            return new Finding(name, Status.OK, o.describe(), "");
        }
        return new Finding(name, Status.MISSING, o.describe() + "; " + why,
                "mount -t " + o.fsType() + " " + o.fsType() + " " + o.path() + (n == null ? " (libbpf missing too)" : ""));
    }

    /** Plain-text rendering, one line per check. */
    public static String render(List<Finding> findings) {
        StringBuilder sb = new StringBuilder();
        for (Finding f : findings) {
            String mark = switch (f.status()) {
                case OK -> "ok     ";
                case WARNING -> "warning";
                case MISSING -> "MISSING";
            };
            sb.append(mark).append("  ").append(f.check()).append(": ").append(f.detail()).append('\n');
            if (!f.fix().isEmpty() && f.status() != Status.OK) {
                sb.append("         fix: ").append(f.fix()).append('\n');
            }
        }
        return sb.toString();
    }
}
