package dev.tpc.runtime.sys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The process's BPF-relevant privileges and the kernel's lockdown mode. */
public final class Privileges {
    public static final int CAP_SYS_ADMIN = 21;
    public static final int CAP_PERFMON = 38;
    public static final int CAP_BPF = 39;

    private Privileges() {
    }

    /** Effective capability set from /proc/self/status (0 when unreadable). */
    public static long effectiveCapabilities() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    return Long.parseUnsignedLong(line.substring(7).strip(), 16);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    /** Whether this process may load and attach tracing programs: CAP_SYS_ADMIN, or CAP_BPF with CAP_PERFMON. */
    public static boolean mayLoadBpf() {
        long caps = effectiveCapabilities();
        return has(caps, CAP_SYS_ADMIN) || (has(caps, CAP_BPF) && has(caps, CAP_PERFMON));
    }

    public static boolean has(long caps, int capability) {
        return (caps & (1L << capability)) != 0;
    }

    public static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0");
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /**
     * The active lockdown mode ({@code none}, {@code integrity}, {@code confidentiality}), from
     * {@code /sys/kernel/security/lockdown}; empty when the file is not there (securityfs not
     * mounted or the lockdown LSM not built in).
     */
    public static Optional<String> lockdown() {
        try {
            String s = Files.readString(Mounts.SECURITYFS.resolve("lockdown")).strip();
            int open = s.indexOf('[');
            int close = s.indexOf(']');
            return open >= 0 && close > open ? Optional.of(s.substring(open + 1, close)) : Optional.of(s);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
