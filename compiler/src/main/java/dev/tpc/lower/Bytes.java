package dev.tpc.lower;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/** An immutable byte string with value equality, unsigned lexicographic order and a hex rendering. */
public final class Bytes implements Comparable<Bytes> {
    private static final HexFormat HEX = HexFormat.of();
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] data;

    private Bytes(byte[] data) {
        this.data = data;
    }

    public static Bytes of(byte[] data) {
        return new Bytes(data.clone());
    }

    public static Bytes of(byte[] data, int from, int to) {
        return new Bytes(Arrays.copyOfRange(data, from, to));
    }

    /** The UTF-8 bytes of a string: Tetragon's Go strings are byte strings. */
    public static Bytes utf8(String s) {
        return new Bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    public static Bytes fromHex(String hex) {
        return new Bytes(HEX.parseHex(hex));
    }

    public int length() {
        return data.length;
    }

    public byte get(int i) {
        return data[i];
    }

    public byte[] toArray() {
        return data.clone();
    }

    /** Printable ASCII as is, a backslash doubled, every other byte as {@code \xNN} (the normal form's spelling). */
    public String printable() {
        StringBuilder sb = new StringBuilder();
        for (byte x : data) {
            int c = x & 0xff;
            if (c == '\\') {
                sb.append("\\\\");
            } else if (c >= 0x20 && c < 0x7f) {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.toString();
    }

    public String hex() {
        return HEX.formatHex(data);
    }

    /** The bytes as UTF-8 text (malformed sequences become U+FFFD). */
    public String utf8() {
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public int compareTo(Bytes o) {
        return Arrays.compareUnsigned(data, o.data);
    }

    @Override
    public String toString() {
        return hex();
    }
}
