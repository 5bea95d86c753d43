package dev.tpc.bundle;

import dev.tpc.encode.MapContents;
import dev.tpc.lower.Bytes;
import dev.tpc.lower.Operator;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code maps.json}: {@code maps.bin} for people. Every entry keeps its key and value in hex
 * and adds {@code reads}, what the key means for its map (a string, a number, an address). It is
 * a pure function of maps.bin, so the reader can check the two agree.
 */
final class MapsRendering {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private MapsRendering() {}

    static ArrayNode render(List<MapContents> maps) {
        ArrayNode out = F.arrayNode();
        for (MapContents m : maps) {
            ObjectNode o = out.addObject();
            o.put("side", m.side() == MapContents.Side.ENTRY ? "entry" : "return");
            o.put("map", m.name());
            if (m.innerIndex() >= 0) {
                o.put("index", m.innerIndex());
                o.put("inner", m.innerName());
            } else {
                o.putNull("index");
                o.putNull("inner");
            }
            o.put("keySize", m.keySize());
            o.put("valueSize", m.valueSize());
            ArrayNode entries = o.putArray("entries");
            for (MapContents.Entry e : m.entries()) {
                ObjectNode j = entries.addObject();
                j.put("key", e.key().hex());
                j.put("value", e.value().hex());
                j.put("reads", reads(m.name(), e));
            }
        }
        return out;
    }

    /** What an entry means; empty when tpc has no reading for the map. */
    static String reads(String map, MapContents.Entry e) {
        byte[] k = e.key().toArray();
        ByteBuffer key = ByteBuffer.wrap(k).order(ByteOrder.LITTLE_ENDIAN);
        if (map.equals("argfilter_maps") && k.length == 8) {
            long v = key.getLong(0);
            return v < 0 ? Long.toUnsignedString(v) + " (" + v + " signed)" : Long.toString(v);
        }
        if (map.startsWith("string_maps_")) {
            int hdr = k.length <= 145 ? 1 : 2;
            int len = hdr == 1 ? k[0] & 0xff : (k[0] & 0xff) | (k[1] & 0xff) << 8;
            return Bytes.of(k, hdr, Math.min(k.length, hdr + len)).printable();
        }
        if ((map.equals("string_prefix_maps") || map.equals("string_postfix_maps")) && k.length > 4) {
            int len = Math.min(k.length - 4, Math.max(0, key.getInt(0) / 8));
            byte[] data = java.util.Arrays.copyOfRange(k, 4, 4 + len);
            if (map.equals("string_postfix_maps")) {
                for (int i = 0, j = data.length - 1; i < j; i++, j--) {
                    byte t = data[i];
                    data[i] = data[j];
                    data[j] = t;
                }
            }
            return Bytes.of(data).printable();
        }
        if ((map.equals("addr4lpm_maps") && k.length == 8) || (map.equals("addr6lpm_maps") && k.length == 20)) {
            return address(k) + "/" + key.getInt(0);
        }
        if (map.equals("tg_mb_sel_opts") && k.length == 4 && e.value().length() == 12) {
            ByteBuffer v = ByteBuffer.wrap(e.value().toArray()).order(ByteOrder.LITTLE_ENDIAN);
            int slot = key.getInt(0);
            String op = Operator.fromId(v.getInt(0)).map(Operator::canonicalName).orElse("op" + v.getInt(0));
            return (slot < 5 ? "matchBinaries of selector " + slot : "matchParentBinaries of selector " + (slot - 5))
                    + ": " + op + ", map " + Integer.toUnsignedString(v.getInt(4)) + ", followChildren set "
                    + Integer.toUnsignedString(v.getInt(8));
        }
        if (map.equals("tg_mb_paths")) {
            return untilNul(e.key()).printable();
        }
        if (map.equals("substring_map") && k.length == 4) {
            return key.getInt(0) + ": " + untilNul(e.value()).printable();
        }
        return "";
    }

    private static Bytes untilNul(Bytes b) {
        int n = 0;
        while (n < b.length() && b.get(n) != 0) {
            n++;
        }
        return Bytes.of(b.toArray(), 0, n);
    }


    private static String address(byte[] k) {
        StringBuilder sb = new StringBuilder();
        if (k.length == 8) {
            for (int i = 4; i < 8; i++) {
                sb.append(i == 4 ? "" : ".").append(k[i] & 0xff);
            }
        } else {
            for (int i = 4; i < 20; i += 2) {
                sb.append(i == 4 ? "" : ":").append(Integer.toHexString(((k[i] & 0xff) << 8) | (k[i + 1] & 0xff)));
            }
        }
        return sb.toString();
    }
}
