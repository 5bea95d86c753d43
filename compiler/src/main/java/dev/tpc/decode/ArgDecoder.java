package dev.tpc.decode;

import dev.tpc.lower.ArgType;
import dev.tpc.lower.Bytes;
import dev.tpc.lower.Operator;
import java.util.ArrayList;
import java.util.List;

/** The ARGS section: filter headers, then values read per operator and type (inverse of the encoder). */
final class ArgDecoder {
    private ArgDecoder() {}

    static List<NormalForm.Arg> args(Reader r, int at, Maps maps) {
        int end = Decoder.sectionEnd(r, at);
        List<NormalForm.Arg> out = new ArrayList<>();
        for (int slot = 0; slot < 5; slot++) {
            int off = r.u32i(at + 4 + 4 * slot);
            if (off == 0) {
                continue;
            }
            int p = at + off;
            if (p + 16 > end) {
                throw new Decoder.Malformed("filter " + slot + " lies outside its ARGS section");
            }
            int position = r.u32i(p);
            Operator op = Decoder.operator(r.u32i(p + 4));
            int vallen = r.u32i(p + 8);
            if (vallen < 8 || p + 8 + vallen - 4 > end) {
                throw new Decoder.Malformed("filter " + slot + " has a bad value length " + vallen);
            }
            int typeId = r.i32(p + 12);
            ArgType type = ArgType.fromId(typeId).orElseThrow(() -> new Decoder.Malformed("unknown argument type " + typeId));
            int v = p + 16;
            int vend = p + 8 + vallen;
            List<String> values = new ArrayList<>();
            boolean valueFilter = values(r, v, vend, op, type, maps, values);
            if (!valueFilter || !values.isEmpty()) {
                out.add(new NormalForm.Arg(position, op.canonicalName(), type.canonicalName(), values));
            }
        }
        return out;
    }

    /** Fills {@code out}; returns whether the filter is a value filter (dropped when it has none). */
    private static boolean values(Reader r, int v, int end, Operator op, ArgType type, Maps maps, List<String> out) {
        switch (op) {
            case IN_RANGE, NOT_IN_RANGE -> {
                int w = Render.rangeWidth(type);
                for (int p = v; p + 2 * w <= end; p += 2 * w) {
                    out.add(Render.number(word(r, p, w), type, w) + ":" + Render.number(word(r, p + w, w), type, w));
                }
                return true;
            }
            case IN_MAP, NOT_IN_MAP, SPORT, DPORT, NOT_SPORT, NOT_DPORT, PROTOCOL, FAMILY, STATE -> {
                List<Long> keys = new ArrayList<>();
                for (Bytes k : maps.keys("argfilter_maps", r.u32(v))) {
                    keys.add(new Reader(k, "argfilter key", java.util.Set.of()).u64(0));
                }
                out.addAll(Render.keys(keys, Render.signedKeys(op, type)));
                return true;
            }
            case SUBSTRING, SUBSTRING_IGNCASE -> {
                for (int p = v; p + 4 <= end; p += 4) {
                    out.add(maps.substring(r.u32(p)).printable());
                }
                return type == ArgType.STRING || type == ArgType.CHAR_BUF;
            }
            case PREFIX, NOT_PREFIX -> {
                List<Bytes> vals = new ArrayList<>();
                maps.keys("string_prefix_maps", r.u32(v)).forEach(k -> vals.add(prefix(k)));
                out.addAll(Render.sortedTexts(vals));
                return true;
            }
            case POSTFIX, NOT_POSTFIX -> {
                List<Bytes> vals = new ArrayList<>();
                maps.keys("string_postfix_maps", r.u32(v)).forEach(k -> vals.add(postfix(k)));
                out.addAll(Render.sortedTexts(vals));
                return true;
            }
            case SADDR, DADDR, NOT_SADDR, NOT_DADDR -> {
                List<String> addrs = new ArrayList<>();
                long id4 = r.u32(v);
                long id6 = r.u32(v + 4);
                if (id4 != 0xFFFF_FFFFL) {
                    maps.keys("addr4lpm_maps", id4).forEach(k -> addrs.add(address(k)));
                }
                if (id6 != 0xFFFF_FFFFL) {
                    maps.keys("addr6lpm_maps", id6).forEach(k -> addrs.add(address(k)));
                }
                out.addAll(addrs.stream().sorted().distinct().toList());
                return true;
            }
            case SPORT_PRIV, DPORT_PRIV, NOT_SPORT_PRIV, NOT_DPORT_PRIV -> {
                return false;
            }
            case CAPABILITIES_GAINED -> {
                out.add("arg:" + r.u32(v));
                return false;
            }
            case EQUAL, NOT_EQUAL -> {
                if (isStringType(type)) {
                    List<Bytes> vals = new ArrayList<>();
                    for (int b = 0; b < 11 && v + 4 * b + 4 <= end; b++) {
                        long id = r.u32(v + 4 * b);
                        if (id != 0xFFFF_FFFFL) {
                            int bucket = b;
                            maps.keys("string_maps_" + b, id).forEach(k -> vals.add(stringKey(k, bucket)));
                        }
                    }
                    out.addAll(Render.sortedTexts(vals));
                    return true;
                }
                ints(r, v, end, type, out);
                return true;
            }
            case FILE_TYPE, NOT_FILE_TYPE -> {
                for (int p = v; p + 4 <= end; p += 4) {
                    out.add(Long.toString(r.u32(p)));
                }
                return true;
            }
            default -> {
                ints(r, v, end, type, out);
                return true;
            }
        }
    }

    private static void ints(Reader r, int v, int end, ArgType type, List<String> out) {
        int w = Render.intWidth(type);
        for (int p = v; p + w <= end; p += w) {
            out.add(Render.number(word(r, p, w), type, w));
        }
    }

    private static long word(Reader r, int p, int w) {
        return w == 4 ? r.u32(p) : r.u64(p);
    }

    private static boolean isStringType(ArgType t) {
        return t.isStringEqualType() || t == ArgType.DENTRY || t == ArgType.SOCKADDR_UN;
    }

    /** A string-map key: length byte (buckets 0-5) or u16 (6-10), then the bytes. */
    static Bytes stringKey(Bytes k, int bucket) {
        int head = bucket <= 5 ? 1 : 2;
        int len = bucket <= 5 ? k.get(0) & 0xff : (k.get(0) & 0xff) | (k.get(1) & 0xff) << 8;
        if (head + len > k.length()) {
            throw new Decoder.Malformed("string key of bucket " + bucket + " claims " + len + " bytes");
        }
        return Bytes.of(k.toArray(), head, head + len);
    }

    static Bytes prefix(Bytes k) {
        int bits = (int) new Reader(k, "prefix key", java.util.Set.of()).u32(0);
        if (bits % 8 != 0 || 4 + bits / 8 > k.length()) {
            throw new Decoder.Malformed("prefix key with " + bits + " bits");
        }
        return Bytes.of(k.toArray(), 4, 4 + bits / 8);
    }

    static Bytes postfix(Bytes k) {
        Bytes reversed = prefix(k);
        byte[] b = reversed.toArray();
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[b.length - 1 - i];
        }
        return Bytes.of(out);
    }

    static String address(Bytes k) {
        int bits = (int) new Reader(k, "address key", java.util.Set.of()).u32(0);
        return Render.address(Bytes.of(k.toArray(), 4, k.length()), bits);
    }

    /** A NUL-padded C string. */
    static Bytes cString(Bytes padded) {
        int n = 0;
        while (n < padded.length() && padded.get(n) != 0) {
            n++;
        }
        return Bytes.of(padded.toArray(), 0, n);
    }
}
