package dev.tpc.decode;

import dev.tpc.lower.Bytes;
import java.util.Set;

/** Bounds-checked little-endian reads from untrusted bytes; {@code patched} are the loader's patch sites. */
final class Reader {
    private final Bytes b;
    private final String what;
    private final Set<Integer> patched;

    Reader(Bytes b, String what, Set<Integer> patched) {
        this.b = b;
        this.what = what;
        this.patched = patched;
    }

    String what() {
        return what;
    }

    boolean patched(int at) {
        return patched.contains(at);
    }

    void require(int at, long len, String item) {
        if (at < 0 || len < 0 || at + len > b.length()) {
            throw new Decoder.Malformed(what + ": " + item + " runs past the end (" + b.length() + " bytes)");
        }
    }

    long u32(int at) {
        require(at, 4, "word at byte " + at);
        long v = 0;
        for (int i = 3; i >= 0; i--) {
            v = (v << 8) | (b.get(at + i) & 0xff);
        }
        return v;
    }

    int i32(int at) {
        return (int) u32(at);
    }

    /** A u32 used as a length, count or offset: must be small. */
    int u32i(int at) {
        long v = u32(at);
        if (v > b.length()) {
            throw new Decoder.Malformed(what + ": value " + v + " at byte " + at + " is larger than the buffer");
        }
        return (int) v;
    }

    long u64(int at) {
        return u32(at) | (u32(at + 4) << 32);
    }

    Bytes slice(int at, int len) {
        require(at, len, "bytes at " + at);
        return Bytes.of(b.toArray(), at, at + len);
    }
}
