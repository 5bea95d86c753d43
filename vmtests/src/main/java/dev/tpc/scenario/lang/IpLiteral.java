package dev.tpc.scenario.lang;

import java.util.regex.Pattern;

/**
 * IP address literals, checked by their text alone: {@code InetAddress.getByName} would look a
 * name up in DNS, and parsing a scenario must never touch the network.
 */
final class IpLiteral {
    private static final Pattern OCTET = Pattern.compile("25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9]");
    private static final Pattern GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");

    private IpLiteral() {}

    /** Four decimal octets, 127.0.0.1. */
    static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (!OCTET.matcher(p).matches()) {
                return false;
            }
        }
        return true;
    }

    /** RFC 4291 text forms: eight groups, one {@code ::}, an IPv4 tail ({@code ::ffff:127.0.0.1}); no zone. */
    static boolean isIpv6(String s) {
        if (s.length() > 45 || s.indexOf(':') < 0) {
            return false;
        }
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        String head = gap >= 0 ? s.substring(0, gap) : s;
        String tail = gap >= 0 ? s.substring(gap + 2) : "";
        int headGroups = groups(head, gap < 0);
        int tailGroups = gap >= 0 ? groups(tail, true) : 0;
        if (headGroups < 0 || tailGroups < 0) {
            return false;
        }
        int total = headGroups + tailGroups;
        return gap >= 0 ? total <= 7 : total == 8;
    }

    /** The 16-bit groups of a colon-separated part (an IPv4 tail counts two), or -1. */
    private static int groups(String part, boolean last) {
        if (part.isEmpty()) {
            return 0;
        }
        String[] g = part.split(":", -1);
        int n = 0;
        for (int i = 0; i < g.length; i++) {
            if (last && i == g.length - 1 && g[i].contains(".")) {
                if (!isIpv4(g[i])) {
                    return -1;
                }
                n += 2;
            } else if (GROUP.matcher(g[i]).matches()) {
                n++;
            } else {
                return -1;
            }
        }
        return n;
    }
}
