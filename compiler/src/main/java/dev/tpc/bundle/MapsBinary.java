package dev.tpc.bundle;

import dev.tpc.diag.BundleRule;
import dev.tpc.encode.MapContents;
import dev.tpc.lower.Bytes;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code maps.bin}: the contents of a hook's inner maps and plain maps (docs/bundle-format.md,
 * "maps.bin"). Little-endian throughout:
 * <pre>
 * "TPCMAPS1"  count:u32  MAP*
 * MAP := side:u8 (0 entry, 1 return)  nameLength:u8  name[nameLength] (ASCII)
 *        innerIndex:s32 (-1 for a plain map)  keySize:u32  valueSize:u32  entryCount:u32
 *        (key[keySize] value[valueSize])*   keys strictly ascending (unsigned bytes)
 * </pre>
 */
final class MapsBinary {
    private static final byte[] MAGIC = "TPCMAPS1".getBytes(StandardCharsets.US_ASCII);
    /** Larger than any map Tetragon's templates define: a key of string_maps_10. */
    private static final int MAX_KEY = 4098;
    private static final int MAX_VALUE = 4096;

    private MapsBinary() {}

    static byte[] write(List<MapContents> maps) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MAGIC);
        out.writeBytes(le32(maps.size()));
        for (MapContents m : maps) {
            byte[] name = m.name().getBytes(StandardCharsets.US_ASCII);
            out.write(m.side() == MapContents.Side.ENTRY ? 0 : 1);
            out.write(name.length);
            out.writeBytes(name);
            out.writeBytes(le32(m.innerIndex()));
            out.writeBytes(le32(m.keySize()));
            out.writeBytes(le32(m.valueSize()));
            out.writeBytes(le32(m.entries().size()));
            for (MapContents.Entry e : m.entries()) {
                out.writeBytes(e.key().toArray());
                out.writeBytes(e.value().toArray());
            }
        }
        return out.toByteArray();
    }

    static List<MapContents> read(byte[] data, String entry) throws BundleFormatException {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        need(b, MAGIC.length + 4, entry, "header");
        byte[] magic = new byte[MAGIC.length];
        b.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw malformed(entry, "does not start with TPCMAPS1");
        }
        long count = Integer.toUnsignedLong(b.getInt());
        List<MapContents> out = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            need(b, 2, entry, "map " + i);
            int side = b.get() & 0xff;
            int nameLength = b.get() & 0xff;
            if (side > 1 || nameLength == 0) {
                throw malformed(entry, "map " + i + " has side " + side + " and a name of " + nameLength + " bytes");
            }
            need(b, nameLength + 16, entry, "map " + i);
            byte[] nameBytes = new byte[nameLength];
            b.get(nameBytes);
            String name = new String(nameBytes, StandardCharsets.US_ASCII);
            if (!name.matches("[a-z0-9_]+")) {
                throw malformed(entry, "map " + i + " has an invalid name");
            }
            int inner = b.getInt();
            int keySize = b.getInt();
            int valueSize = b.getInt();
            long entries = Integer.toUnsignedLong(b.getInt());
            if (inner < -1 || keySize < 1 || keySize > MAX_KEY || valueSize < 1 || valueSize > MAX_VALUE) {
                throw malformed(entry, "map " + name + " has inner index " + inner + ", key size " + keySize
                        + " and value size " + valueSize);
            }
            if (entries * (keySize + valueSize) > b.remaining()) {
                throw malformed(entry, "map " + name + " claims more entries than the entry holds");
            }
            List<MapContents.Entry> list = new ArrayList<>();
            Bytes previous = null;
            for (long k = 0; k < entries; k++) {
                byte[] key = new byte[keySize];
                byte[] value = new byte[valueSize];
                b.get(key);
                b.get(value);
                Bytes keyBytes = Bytes.of(key);
                if (previous != null && previous.compareTo(keyBytes) >= 0) {
                    throw malformed(entry, "map " + name + ": keys are not in strictly ascending order");
                }
                previous = keyBytes;
                list.add(new MapContents.Entry(keyBytes, Bytes.of(value)));
            }
            out.add(new MapContents(side == 0 ? MapContents.Side.ENTRY : MapContents.Side.RETURN, name, inner,
                    keySize, valueSize, list));
        }
        if (b.hasRemaining()) {
            throw malformed(entry, "has " + b.remaining() + " bytes after its last map");
        }
        return out;
    }

    private static void need(ByteBuffer b, int n, String entry, String what) throws BundleFormatException {
        if (b.remaining() < n) {
            throw malformed(entry, "ends inside " + what);
        }
    }

    private static BundleFormatException malformed(String entry, String why) {
        return new BundleFormatException(BundleRule.MALFORMED_ENTRY, entry + " " + why);
    }

    static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }
}
