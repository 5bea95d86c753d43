package dev.tpc.lower;

/**
 * Go's {@code netip.ParseAddr}/{@code ParsePrefix} as Tetragon's {@code parseAddr} uses them:
 * strict dotted IPv4 (no leading zeros), IPv6 with {@code ::} and an embedded IPv4 tail, a
 * {@code %zone} only on plain IPv6 addresses. No name resolution ever happens.
 */
final class GoNetip {
    private GoNetip() {}

    /** Address bytes (4 or 16) and prefix length, or an error in Tetragon's words. */
    record Parsed(FilterValues.Cidr cidr, String error) {}

    static Parsed parse(String v) {
        if (v.contains("/")) {
            int slash = v.lastIndexOf('/');
            String addr = v.substring(0, slash);
            String bits = v.substring(slash + 1);
            byte[] a = addr.contains("%") ? null : address(addr);
            if (a == null) {
                return new Parsed(null, "CIDR is invalid: netip.ParsePrefix(" + GoNumbers.quote(v) + "): ParseAddr("
                        + GoNumbers.quote(addr) + "): unable to parse IP");
            }
            int n = decimal(bits);
            if (n < 0 || n > a.length * 8) {
                return new Parsed(null, "CIDR is invalid: netip.ParsePrefix(" + GoNumbers.quote(v)
                        + "): bad bits after slash: " + GoNumbers.quote(bits));
            }
            return new Parsed(new FilterValues.Cidr(Bytes.of(a), n), null);
        }
        String addr = v;
        int pct = v.indexOf('%');
        if (pct >= 0 && v.contains(":") && pct < v.length() - 1) {
            addr = v.substring(0, pct);
        }
        byte[] a = addr.equals(v) || addr.contains(":") ? address(addr) : null;
        if (a == null) {
            return new Parsed(null, "IP address is invalid: ParseAddr(" + GoNumbers.quote(v) + "): unable to parse IP");
        }
        return new Parsed(new FilterValues.Cidr(Bytes.of(a), a.length * 8), null);
    }

    /** Decimal without sign or leading zeros (Go's prefix bits); -1 when not. */
    private static int decimal(String s) {
        if (s.isEmpty() || s.length() > 3 || (s.length() > 1 && s.charAt(0) == '0')) {
            return -1;
        }
        int n = 0;
        for (char c : s.toCharArray()) {
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    static byte[] address(String s) {
        if (s.indexOf(':') >= 0) {
            return v6(s);
        }
        return v4(s);
    }

    private static byte[] v4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            int n = decimal(parts[i]);
            if (n < 0 || n > 255) {
                return null;
            }
            out[i] = (byte) n;
        }
        return out;
    }

    private static byte[] v6(String s) {
        byte[] out = new byte[16];
        int ellipsis = s.indexOf("::");
        if (ellipsis >= 0 && s.indexOf("::", ellipsis + 1) >= 0) {
            return null;
        }
        String head = ellipsis >= 0 ? s.substring(0, ellipsis) : s;
        String tail = ellipsis >= 0 ? s.substring(ellipsis + 2) : "";
        byte[] h = groups(head, ellipsis < 0);
        byte[] t = ellipsis >= 0 ? groups(tail, true) : new byte[0];
        if (h == null || t == null) {
            return null;
        }
        if (ellipsis < 0) {
            return h.length == 16 ? h : null;
        }
        if (h.length + t.length > 14) {
            return null; // "::" must stand for at least one group
        }
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(t, 0, out, 16 - t.length, t.length);
        return out;
    }

    /** Colon-separated hex groups; the last may be dotted IPv4 when {@code lastMayBeV4}. */
    private static byte[] groups(String s, boolean lastMayBeV4) {
        if (s.isEmpty()) {
            return new byte[0];
        }
        String[] parts = s.split(":", -1);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && lastMayBeV4 && p.contains(".")) {
                byte[] v4 = v4(p);
                if (v4 == null) {
                    return null;
                }
                out.writeBytes(v4);
                continue;
            }
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            int n = 0;
            for (char c : p.toCharArray()) {
                int d = Character.digit(c, 16);
                if (d < 0) {
                    return null;
                }
                n = n * 16 + d;
            }
            out.write(n >>> 8);
            out.write(n & 0xff);
        }
        return out.size() > 16 ? null : out.toByteArray();
    }
}
