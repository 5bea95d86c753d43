package dev.tpc.validate.semantic;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Parsers for the value syntaxes Tetragon's selector compiler accepts, with Go's rules. */
final class Values {
    /** Capability names and bits; note DAC_OVERRIDE has no CAP_ prefix in Tetragon's enum. */
    static final List<String> CAPABILITIES = List.of(
            "CAP_CHOWN", "DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID",
            "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN",
            "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT",
            "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE",
            "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL",
            "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND",
            "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE");
    static final List<String> NAMESPACES = List.of(
            "uts", "ipc", "mnt", "pid", "pidforchildren", "net", "time", "timeforchildren", "cgroup", "user");
    static final Set<String> FILE_TYPES = Set.of("sock", "socket", "lnk", "link", "reg", "regular", "blk", "block", "dir",
            "chr", "char", "fifo", "pipe");
    static final Set<String> PROTOCOLS = Set.of("IPPROTO_IP", "IPPROTO_ICMP", "IPPROTO_IGMP", "IPPROTO_IPIP", "IPPROTO_TCP",
            "IPPROTO_EGP", "IPPROTO_PUP", "IPPROTO_UDP", "IPPROTO_IDP", "IPPROTO_TP", "IPPROTO_DCCP", "IPPROTO_IPV6",
            "IPPROTO_RSVP", "IPPROTO_GRE", "IPPROTO_ESP", "IPPROTO_AH", "IPPROTO_ICMPV6", "IPPROTO_MTP", "IPPROTO_BEETPH",
            "IPPROTO_ENCAP", "IPPROTO_PIM", "IPPROTO_COMP", "IPPROTO_L2TP", "IPPROTO_SCTP", "IPPROTO_UDPLITE",
            "IPPROTO_MPLS", "IPPROTO_ETHERNET", "IPPROTO_RAW", "IPPROTO_MPTCP");
    static final Set<String> TCP_STATES = Set.of("TCP_ESTABLISHED", "TCP_SYN_SENT", "TCP_SYN_RECV", "TCP_FIN_WAIT1",
            "TCP_FIN_WAIT2", "TCP_TIME_WAIT", "TCP_CLOSE", "TCP_CLOSE_WAIT", "TCP_LAST_ACK", "TCP_LISTEN", "TCP_CLOSING",
            "TCP_NEW_SYN_RECV", "TCP_BOUND_INACTIVE");
    private static final Pattern FAMILY = Pattern.compile("AF_[A-Za-z0-9]+");
    private static final Map<String, Integer> BASE_PREFIX = Map.of("0x", 16, "0X", 16, "0o", 8, "0O", 8, "0b", 2, "0B", 2);

    private Values() {}

    /** Go's len() of a string, which Tetragon's length limits use: its UTF-8 bytes, not its characters. */
    static int goLength(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    /**
     * Whether a value holds {@code ${...}} or {@code $NAME} (upper case), as envsubst would fill
     * in. Scanned by hand: the obvious regular expression backtracks quadratically on a long value
     * with many "${" and no "}", which a hostile policy could use to stall a check.
     */
    static boolean hasPlaceholder(String v) {
        int open = v.indexOf("${");
        if (open >= 0 && v.indexOf('}', open + 2) >= 0) {
            return true; // a later "${" closes only if the first one does
        }
        for (int i = v.indexOf('$'); i >= 0 && i + 1 < v.length(); i = v.indexOf('$', i + 1)) {
            char next = v.charAt(i + 1);
            if ((next >= 'A' && next <= 'Z') || next == '_') {
                return true;
            }
        }
        return false;
    }

    /**
     * Go's strconv.ParseInt (signed) or ParseUint with base 0 ({@code autoBase}: a 0x, 0o, 0b or 0
     * prefix decides, and '_' may separate digits) or base 10, within {@code bits}.
     */
    static Optional<BigInteger> goInt(String s, boolean autoBase, int bits, boolean signed) {
        String t = s;
        boolean negative = false;
        if (t.startsWith("+") || t.startsWith("-")) {
            if (!signed) {
                return Optional.empty(); // ParseUint takes no sign
            }
            negative = t.startsWith("-");
            t = t.substring(1);
        }
        int base = 10;
        if (autoBase) {
            if (t.length() > 2 && BASE_PREFIX.containsKey(t.substring(0, 2))) {
                base = BASE_PREFIX.get(t.substring(0, 2));
                t = t.substring(2);
            } else if (t.length() > 1 && t.startsWith("0")) {
                base = 8;
                t = t.substring(1);
            }
            if (s.indexOf('_') >= 0) {
                if (!underscoresOk(s)) {
                    return Optional.empty();
                }
                t = t.replace("_", "");
            }
        }
        if (t.isEmpty()) {
            return Optional.empty();
        }
        BigInteger v = BigInteger.ZERO;
        BigInteger radix = BigInteger.valueOf(base);
        for (int i = 0; i < t.length(); i++) {
            int d = asciiDigit(t.charAt(i));
            if (d < 0 || d >= base) {
                return Optional.empty();
            }
            v = v.multiply(radix).add(BigInteger.valueOf(d));
        }
        if (negative) {
            v = v.negate();
        }
        BigInteger max = signed ? BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE) : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        BigInteger min = signed ? BigInteger.ONE.shiftLeft(bits - 1).negate() : BigInteger.ZERO;
        return v.compareTo(max) > 0 || v.compareTo(min) < 0 ? Optional.empty() : Optional.of(v);
    }

    /** Go digits are ASCII only (Character.digit would also take e.g. Arabic-Indic digits). */
    private static int asciiDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        char lower = Character.toLowerCase(c);
        return lower >= 'a' && lower <= 'z' && c < 128 ? lower - 'a' + 10 : -1;
    }

    /** strconv's underscoreOK: each '_' sits between two digits (a base prefix counts as a digit). */
    private static boolean underscoresOk(String s) {
        char saw = '^';
        int i = 0;
        if (s.startsWith("+") || s.startsWith("-")) {
            s = s.substring(1);
        }
        boolean hex = false;
        if (s.length() >= 2 && s.charAt(0) == '0' && "bBoOxX".indexOf(s.charAt(1)) >= 0) {
            i = 2;
            saw = '0';
            hex = s.charAt(1) == 'x' || s.charAt(1) == 'X';
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= '0' && c <= '9') || (hex && "abcdefABCDEF".indexOf(c) >= 0)) {
                saw = '0';
            } else if (c == '_') {
                if (saw != '0') {
                    return false;
                }
                saw = '_';
            } else {
                if (saw == '_') {
                    return false;
                }
                saw = '!';
            }
        }
        return saw != '_';
    }

    static boolean capability(String v) {
        return CAPABILITIES.contains(v.strip().toUpperCase(Locale.ROOT));
    }

    /** A capability mask value: a number or a comma list of names. */
    static boolean capabilityMask(String v) {
        if (goInt(v, true, 64, false).isPresent()) {
            return true;
        }
        for (String part : v.split(",")) {
            if (!capability(part)) {
                return false;
            }
        }
        return true;
    }

    /** An IPv4 or IPv6 address, or a CIDR, as Go's netip/net parse them. */
    static boolean address(String v) {
        String addr = v;
        int slash = v.indexOf('/');
        if (slash >= 0) {
            addr = v.substring(0, slash);
            String bits = v.substring(slash + 1);
            if (!bits.matches("\\d{1,3}")) {
                return false;
            }
            int max = addr.contains(":") ? 128 : 32;
            if (Integer.parseInt(bits) > max) {
                return false;
            }
        }
        return addr.contains(":") ? ipv6(addr) : ipv4(addr);
    }

    private static boolean ipv4(String a) {
        String[] parts = a.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (!p.matches("\\d{1,3}") || (p.length() > 1 && p.startsWith("0")) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean ipv6(String a) {
        String s = a;
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        int groupsNeeded = 8;
        int lastColon = s.lastIndexOf(':');
        String tail = s.substring(lastColon + 1);
        if (tail.contains(".")) {
            if (!ipv4(tail)) {
                return false;
            }
            s = s.substring(0, lastColon + 1) + "0:0";
        }
        int dbl = s.indexOf("::");
        if (dbl != s.lastIndexOf("::")) {
            return false;
        }
        String[] groups = dbl >= 0
                ? (s.substring(0, dbl) + (s.substring(0, dbl).isEmpty() ? "" : ":") + "X" + (s.substring(dbl + 2).isEmpty() ? "" : ":") + s.substring(dbl + 2)).split(":", -1)
                : s.split(":", -1);
        int count = 0;
        for (String g : groups) {
            if (g.equals("X")) {
                continue;
            }
            if (!g.matches("[0-9A-Fa-f]{1,4}")) {
                return false;
            }
            count++;
        }
        return dbl >= 0 ? count < groupsNeeded : count == groupsNeeded;
    }

    static boolean protocol(String v) {
        return PROTOCOLS.contains(v);
    }

    static boolean family(String v) {
        return FAMILY.matcher(v).matches();
    }

    static boolean tcpState(String v) {
        return TCP_STATES.contains(v);
    }
}
