package dev.tpc.decode;

import dev.tpc.lower.ArgType;
import dev.tpc.lower.Bytes;
import dev.tpc.lower.Operator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/** How the normal form spells values: decimal numbers, escaped byte strings, canonical addresses. */
final class Render {
    private Render() {}

    /** A filter value word of {@code width} bytes as the argument type reads it. */
    static String number(long bits, ArgType type, int width) {
        if (width == 4) {
            return type.isSigned32() ? Integer.toString((int) bits) : Long.toString(bits & 0xFFFF_FFFFL);
        }
        return type.isSigned64() ? Long.toString(bits) : Long.toUnsignedString(bits);
    }

    /** Width of an Equal/GT/LT/Mask value of this type. */
    static int intWidth(ArgType type) {
        return type.isSigned32() || type.isUnsigned32() ? 4 : 8;
    }

    /** Width of one InRange bound of this type. */
    static int rangeWidth(ArgType type) {
        return switch (type) {
            case INT, INT32, SIZE_T, UINT32, UINT16, UINT8, INT16, INT8 -> 4;
            default -> 8;
        };
    }

    /** Whether a u64 map key of this filter reads as signed (InMap on signed integer types). */
    static boolean signedKeys(Operator op, ArgType type) {
        return (op == Operator.IN_MAP || op == Operator.NOT_IN_MAP) && type.isSignedMapKey();
    }

    /** Sorted, de-duplicated decimal keys. */
    static List<String> keys(Collection<Long> keys, boolean signed) {
        TreeSet<Long> sorted = new TreeSet<>(signed ? Comparator.naturalOrder() : (Comparator<Long>) Long::compareUnsigned);
        sorted.addAll(keys);
        List<String> out = new ArrayList<>();
        for (long k : sorted) {
            out.add(signed ? Long.toString(k) : Long.toUnsignedString(k));
        }
        return out;
    }


    static List<String> sortedTexts(Collection<Bytes> values) {
        TreeSet<String> out = new TreeSet<>();
        values.forEach(v -> out.add(v.printable()));
        return List.copyOf(out);
    }

    /** {@code a.b.c.d/n} or eight full hex groups {@code /n}. */
    static String address(Bytes addr, int prefix) {
        StringBuilder sb = new StringBuilder();
        if (addr.length() == 4) {
            for (int i = 0; i < 4; i++) {
                sb.append(i == 0 ? "" : ".").append(addr.get(i) & 0xff);
            }
        } else {
            for (int i = 0; i < 16; i += 2) {
                sb.append(i == 0 ? "" : ":").append(Integer.toHexString(((addr.get(i) & 0xff) << 8) | (addr.get(i + 1) & 0xff)));
            }
        }
        return sb.append('/').append(prefix).toString();
    }
}
