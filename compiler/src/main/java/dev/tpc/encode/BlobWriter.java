package dev.tpc.encode;

import dev.tpc.diag.SourceSpan;

/**
 * Tetragon's 4096-byte selector buffer: little-endian words written at a cursor, and length
 * fields that count the bytes from the field itself to the end of their section.
 */
final class BlobWriter {
    static final int SIZE = 4096;

    private final byte[] buf = new byte[SIZE];
    private int off;
    private SourceSpan where = SourceSpan.wholeFile("");

    /** The span blamed when the buffer overflows. */
    void blame(SourceSpan span) {
        this.where = span;
    }

    int offset() {
        return off;
    }

    void u32(long v) {
        ensure(4);
        putU32(off, v);
        off += 4;
    }

    void u64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[off + i] = (byte) (v >>> (8 * i));
        }
        off += 8;
    }

    void bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, off, b.length);
        off += b.length;
    }

    /** Reserves a length word; returns its offset. */
    int advance() {
        int at = off;
        u32(0);
        return at;
    }

    /** Fills the length word at {@code at} with the bytes written since (itself included). */
    void closeLength(int at) {
        putU32(at, off - at);
    }

    void putU32(int at, long v) {
        for (int i = 0; i < 4; i++) {
            buf[at + i] = (byte) (v >>> (8 * i));
        }
    }

    byte[] toArray() {
        return buf.clone();
    }

    private void ensure(int n) {
        if (off + n > SIZE) {
            throw new EncodingFailure("selectors need more than the " + SIZE
                    + " bytes of Tetragon's filter buffer (Tetragon would crash writing it)", where);
        }
    }
}
