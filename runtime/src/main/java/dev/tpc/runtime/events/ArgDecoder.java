package dev.tpc.runtime.events;

import dev.tpc.runtime.plan.HookInfo.ArgInfo;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Decodes one argument of a hook record by its policy type, following the template ABI's argument
 * encoding: integers take 8 bytes; strings and paths a u32 length, u32 flags (bit 0: truncated)
 * and the bytes; char_buf / const_buf an s32 original length (negative: read error), a u32 copied
 * length and the bytes.
 */
final class ArgDecoder {
    private static final int STR_TRUNCATED = 1;

    private ArgDecoder() {
    }

    /** How an argument type is stored in the record. */
    enum Storage { INTEGER, STRING, BUFFER, OTHER }

    static Storage storage(String type) {
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "int", "int8", "int16", "int32", "int64", "sint8", "sint16", "sint32", "sint64", "s8", "s16", "s32", "s64",
                    "uint8", "uint16", "uint32", "uint64", "u8", "u16", "u32", "u64", "size_t", "long", "syscall64",
                    "capability", "kernel_cap_t", "cap_inheritable", "cap_permitted", "cap_effective" -> Storage.INTEGER;
            case "string", "data_loc", "filename", "path", "file", "fd", "dentry", "linux_binprm" -> Storage.STRING;
            case "char_buf", "const_buf", "char_iovec" -> Storage.BUFFER;
            default -> Storage.OTHER;
        };
    }

    /**
     * @param area   the record's argument area
     * @param offset where this argument starts in the area
     * @param end    where the next argument (or the area) starts
     */
    static ArgValue decode(ArgInfo info, ByteBuffer area, int offset, int end) {
        String type = info.type().toLowerCase(Locale.ROOT);
        ByteBuffer b = area.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        switch (storage(type)) {
            case INTEGER -> {
                if (offset + 8 > area.limit()) {
                    return new ArgValue.Missing(info.type(), info.label());
                }
                return integer(type, b.getLong(offset), info.label());
            }
            case STRING -> {
                if (offset + 8 > area.limit()) {
                    return new ArgValue.Missing(info.type(), info.label());
                }
                int len = b.getInt(offset);
                int flags = b.getInt(offset + 4);
                String s = text(area, offset + 8, len);
                boolean truncated = (flags & STR_TRUNCATED) != 0;
                return switch (type) {
                    case "file", "fd" -> new ArgValue.PathArg("file_arg", s, truncated, info.label());
                    case "path", "dentry" -> new ArgValue.PathArg("path_arg", s, truncated, info.label());
                    case "linux_binprm" -> new ArgValue.PathArg("linux_binprm_arg", s, truncated, info.label());
                    default -> new ArgValue.Text(s, truncated, info.label());
                };
            }
            case BUFFER -> {
                if (offset + 8 > area.limit()) {
                    return new ArgValue.Missing(info.type(), info.label());
                }
                int original = b.getInt(offset);
                int copied = Math.max(0, Math.min(b.getInt(offset + 4), area.limit() - offset - 8));
                if (original < 0) {
                    return new ArgValue.Missing(info.type(), info.label());
                }
                byte[] data = new byte[copied];
                b.get(offset + 8, data);
                return new ArgValue.Data(data, original, copied < original, info.label());
            }
            default -> {
                int len = Math.max(0, Math.min(end, area.limit()) - offset);
                byte[] data = new byte[len];
                b.get(offset, data);
                return new ArgValue.Data(data, len, false, info.label());
            }
        }
    }

    private static String text(ByteBuffer area, int start, int len) {
        int n = Math.max(0, Math.min(len, area.limit() - start));
        byte[] bytes = new byte[n];
        area.duplicate().get(start, bytes);
        int end = 0;
        while (end < n && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    private static ArgValue integer(String type, long raw, String label) {
        return switch (type) {
            case "int8", "sint8", "s8" -> new ArgValue.Number("int_arg", BigInteger.valueOf((byte) raw), label);
            case "int16", "sint16", "s16" -> new ArgValue.Number("int_arg", BigInteger.valueOf((short) raw), label);
            case "int", "int32", "sint32", "s32" -> new ArgValue.Number("int_arg", BigInteger.valueOf((int) raw), label);
            case "uint8", "u8" -> new ArgValue.Number("uint_arg", BigInteger.valueOf(raw & 0xff), label);
            case "uint16", "u16" -> new ArgValue.Number("uint_arg", BigInteger.valueOf(raw & 0xffff), label);
            case "uint32", "u32" -> new ArgValue.Number("uint_arg", BigInteger.valueOf(raw & 0xffffffffL), label);
            case "int64", "sint64", "s64", "long" -> new ArgValue.Number("long_arg", BigInteger.valueOf(raw), label);
            default -> new ArgValue.Number("size_arg", new BigInteger(Long.toUnsignedString(raw)), label);
        };
    }
}
