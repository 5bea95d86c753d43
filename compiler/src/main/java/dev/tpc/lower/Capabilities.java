package dev.tpc.lower;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Capability names and bits as Tetragon parses them ({@code CapabilitiesType_value} of its API):
 * bit = position in {@link #NAMES}. Bit 1 is spelled {@code DAC_OVERRIDE}, without the
 * {@code CAP_} prefix, exactly as Tetragon's table has it.
 */
public final class Capabilities {
    private Capabilities() {}

    static final List<String> NAMES = List.of(
            "CAP_CHOWN", "DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
            "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
            "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER",
            "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT",
            "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME",
            "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL",
            "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM",
            "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE");

    /** The bit of a name, after Tetragon's trimming and upper-casing. */
    public static OptionalInt bit(String name) {
        int i = NAMES.indexOf(name.strip().toUpperCase(Locale.ROOT));
        return i < 0 ? OptionalInt.empty() : OptionalInt.of(i);
    }

    /** The names of the set bits, lowest first; unknown bits as {@code bitN}. */
    public static List<String> names(long mask) {
        List<String> out = new ArrayList<>();
        for (int b = 0; b < 64; b++) {
            if ((mask & (1L << b)) != 0) {
                out.add(b < NAMES.size() ? NAMES.get(b) : "bit" + b);
            }
        }
        return out;
    }
}
