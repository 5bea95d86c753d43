package dev.tpc.runtime.probe;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The smallest BTF that describes a probe program's functions, {@code int f(void *ctx)} each, so
 * that the verifier accepts BPF-to-BPF calls where it wants function info (tail calls in
 * subprograms need it on current kernels).
 */
final class FuncBtf {
    private static final int MAGIC = 0xeB9F;
    private static final int KIND_INT = 1;
    private static final int KIND_PTR = 2;
    private static final int KIND_FUNC = 12;
    private static final int KIND_FUNC_PROTO = 13;

    private FuncBtf() {
    }

    /** BTF with type ids 1 int, 2 void *, 3 int(void *ctx), then one FUNC per name (ids 4, 5, ...). */
    static byte[] functions(String... names) {
        ByteArrayOutputStream strings = new ByteArrayOutputStream();
        strings.write(0);
        int intName = addString(strings, "int");
        int ctxName = addString(strings, "ctx");
        int[] funcNames = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            funcNames[i] = addString(strings, names[i]);
        }
        ByteBuffer types = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        types.putInt(intName).putInt(KIND_INT << 24).putInt(4).putInt((1 << 24) | 32); // [1] signed 32-bit int
        types.putInt(0).putInt(KIND_PTR << 24).putInt(0);                                // [2] void *
        types.putInt(0).putInt((KIND_FUNC_PROTO << 24) | 1).putInt(1);                   // [3] int (...)
        types.putInt(ctxName).putInt(2);                                                  //     void *ctx
        for (int f : funcNames) {
            types.putInt(f).putInt(KIND_FUNC << 24).putInt(3);                            // static FUNC
        }
        int typeLen = types.position();
        byte[] str = strings.toByteArray();
        ByteBuffer b = ByteBuffer.allocate(24 + typeLen + str.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) MAGIC).put((byte) 1).put((byte) 0).putInt(24);
        b.putInt(0).putInt(typeLen).putInt(typeLen).putInt(str.length);
        b.put(types.array(), 0, typeLen).put(str);
        return b.array();
    }

    private static int addString(ByteArrayOutputStream strings, String s) {
        int at = strings.size();
        strings.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        strings.write(0);
        return at;
    }
}
