package dev.tpc.workload.lowering;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The bytes of {@code struct sockaddr_in}, {@code sockaddr_in6} and {@code sockaddr_un} as the
 * x86_64 kernel reads them. Addresses are literals only: nothing here ever asks a resolver, so a
 * step cannot depend on (or leak to) the network's DNS.
 */
final class SocketAddresses {
    static final int AF_UNIX = 1;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    /** sizeof(sun_path) */
    static final int UNIX_PATH_MAX = 108;

    private SocketAddresses() {
    }

    /** sockaddr_in (16 bytes) or sockaddr_in6 (28 bytes); empty when the address is not a literal. */
    static Optional<byte[]> inet(String address, int port) {
        if (port < 0 || port > 65535) {
            return Optional.empty();
        }
        String a = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        Optional<byte[]> v4 = ipv4(a);
        if (v4.isPresent()) {
            ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            b.putShort((short) AF_INET).order(ByteOrder.BIG_ENDIAN).putShort((short) port).put(v4.get());
            return Optional.of(b.array());
        }
        return ipv6(a).map(v6 -> {
            ByteBuffer b = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
            b.putShort((short) AF_INET6).order(ByteOrder.BIG_ENDIAN).putShort((short) port).putInt(0).put(v6).putInt(0);
            return b.array();
        });
    }

    /**
     * sockaddr_un: the path NUL-terminated in the full 110 bytes; {@code @name} is an abstract
     * address (a NUL, then the name, exactly {@code 3 + len} bytes, the length to pass). Empty
     * when the path does not fit.
     */
    static Optional<byte[]> unix(String path) {
        byte[] p = path.getBytes(StandardCharsets.UTF_8);
        if (path.startsWith("@")) {
            byte[] name = path.substring(1).getBytes(StandardCharsets.UTF_8);
            if (name.length > UNIX_PATH_MAX - 1) {
                return Optional.empty();
            }
            ByteBuffer b = ByteBuffer.allocate(2 + 1 + name.length).order(ByteOrder.LITTLE_ENDIAN);
            return Optional.of(b.putShort((short) AF_UNIX).put((byte) 0).put(name).array());
        }
        if (p.length > UNIX_PATH_MAX - 1 || p.length == 0) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.allocate(2 + UNIX_PATH_MAX).order(ByteOrder.LITTLE_ENDIAN);
        return Optional.of(b.putShort((short) AF_UNIX).put(p).array());
    }

    static Optional<byte[]> ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!parts[i].matches("[0-9]{1,3}") || (parts[i].length() > 1 && parts[i].startsWith("0"))) {
                return Optional.empty();
            }
            int v = Integer.parseInt(parts[i]);
            if (v > 255) {
                return Optional.empty();
            }
            out[i] = (byte) v;
        }
        return Optional.of(out);
    }

    /** RFC 4291 text forms: eight groups, one {@code ::}, an IPv4 tail; no zone ({@code %eth0}). */
    static Optional<byte[]> ipv6(String s) {
        if (!s.contains(":") || !s.matches("[0-9A-Fa-f:.]+")) {
            return Optional.empty();
        }
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return Optional.empty();
        }
        String head = gap >= 0 ? s.substring(0, gap) : s;
        String tail = gap >= 0 ? s.substring(gap + 2) : "";
        Optional<int[]> h = groups(head, gap < 0);
        Optional<int[]> t = groups(tail, true);
        if (h.isEmpty() || t.isEmpty()) {
            return Optional.empty();
        }
        int n = h.get().length + t.get().length;
        if (gap < 0 ? n != 8 : n > 7) {
            return Optional.empty();
        }
        int[] all = new int[8];
        System.arraycopy(h.get(), 0, all, 0, h.get().length);
        System.arraycopy(t.get(), 0, all, 8 - t.get().length, t.get().length);
        ByteBuffer b = ByteBuffer.allocate(16);
        for (int g : all) {
            b.putShort((short) g);
        }
        return Optional.of(b.array());
    }

    /** Colon-separated 16-bit groups; the last may be a dotted IPv4 address (two groups) when allowed. */
    private static Optional<int[]> groups(String s, boolean ipv4Tail) {
        if (s.isEmpty()) {
            return Optional.of(new int[0]);
        }
        String[] parts = s.split(":", -1);
        int[] out = new int[parts.length + 1];
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && ipv4Tail && p.contains(".")) {
                Optional<byte[]> v4 = ipv4(p);
                if (v4.isEmpty()) {
                    return Optional.empty();
                }
                byte[] v = v4.get();
                out[n++] = (v[0] & 0xff) << 8 | (v[1] & 0xff);
                out[n++] = (v[2] & 0xff) << 8 | (v[3] & 0xff);
            } else if (p.matches("[0-9A-Fa-f]{1,4}")) {
                out[n++] = Integer.parseInt(p, 16);
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(java.util.Arrays.copyOf(out, n));
    }
}
