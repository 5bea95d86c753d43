package dev.tpc.bundle;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * The bundle container: a ZIP file (so {@code unzip -l} works) written in exactly one canonical
 * way: entries sorted by name, stored (not compressed), no extra fields, a fixed timestamp, UTF-8
 * names, and an archive comment {@code tpc-bundle sha256=<hex>} holding the SHA-256 of every
 * byte before the comment. The reader accepts only that canonical form: it parses the file,
 * writes the entries again and requires the very same bytes, then checks the digest. So any
 * changed byte, anywhere, is refused.
 */
final class BundleArchive {
    static final String COMMENT_PREFIX = "tpc-bundle sha256=";
    private static final int LOCAL = 0x04034b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int END = 0x06054b50;
    private static final int VERSION = 20;
    private static final int FLAG_UTF8 = 0x0800;
    /** 1980-01-01 00:00:00, the smallest DOS date: no time zone or clock enters the bytes. */
    private static final int DOS_TIME = 0;
    private static final int DOS_DATE = (1 << 5) | 1;
    private static final int MAX_ENTRIES = 4096;
    static final long MAX_SIZE = 64L * 1024 * 1024;

    private BundleArchive() {}

    /** Writes the entries canonically. */
    static byte[] write(Map<String, byte[]> entries) {
        TreeMap<String, byte[]> sorted = new TreeMap<>(entries);
        for (String name : sorted.keySet()) {
            checkName(name);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<int[]> offsets = new ArrayList<>();
        List<Long> crcs = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : sorted.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] data = e.getValue();
            long crc = crc(data);
            offsets.add(new int[] {out.size()});
            crcs.add(crc);
            ByteBuffer h = le(30 + name.length);
            h.putInt(LOCAL).putShort((short) VERSION).putShort((short) FLAG_UTF8).putShort((short) 0)
                    .putShort((short) DOS_TIME).putShort((short) DOS_DATE).putInt((int) crc)
                    .putInt(data.length).putInt(data.length).putShort((short) name.length).putShort((short) 0).put(name);
            out.writeBytes(h.array());
            out.writeBytes(data);
        }
        int centralStart = out.size();
        int i = 0;
        for (Map.Entry<String, byte[]> e : sorted.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            int size = e.getValue().length;
            ByteBuffer c = le(46 + name.length);
            c.putInt(CENTRAL).putShort((short) VERSION).putShort((short) VERSION).putShort((short) FLAG_UTF8)
                    .putShort((short) 0).putShort((short) DOS_TIME).putShort((short) DOS_DATE).putInt(crcs.get(i).intValue())
                    .putInt(size).putInt(size).putShort((short) name.length).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putInt(0).putInt(offsets.get(i)[0]).put(name);
            out.writeBytes(c.array());
            i++;
        }
        int centralSize = out.size() - centralStart;
        byte[] comment = (COMMENT_PREFIX + "0".repeat(64)).getBytes(StandardCharsets.US_ASCII);
        ByteBuffer end = le(22);
        end.putInt(END).putShort((short) 0).putShort((short) 0).putShort((short) sorted.size())
                .putShort((short) sorted.size()).putInt(centralSize).putInt(centralStart).putShort((short) comment.length);
        out.writeBytes(end.array());
        byte[] body = out.toByteArray();
        String digest = sha256Hex(body);
        out.writeBytes((COMMENT_PREFIX + digest).getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** Reads a canonical bundle container; throws {@link BundleFormatException} for anything else. */
    static Map<String, byte[]> read(byte[] file) throws BundleFormatException {
        if (file.length > MAX_SIZE) {
            throw new BundleFormatException("the file is larger than " + MAX_SIZE + " bytes");
        }
        int commentLength = COMMENT_PREFIX.length() + 64;
        int endAt = file.length - commentLength - 22;
        if (endAt < 0) {
            throw new BundleFormatException("the file is too short to be a bundle");
        }
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(endAt) != END) {
            throw new BundleFormatException("no bundle trailer at the end of the file (not a tpc bundle, or truncated)");
        }
        int count = Short.toUnsignedInt(b.getShort(endAt + 10));
        long centralSize = Integer.toUnsignedLong(b.getInt(endAt + 12));
        long centralStart = Integer.toUnsignedLong(b.getInt(endAt + 16));
        if (count > MAX_ENTRIES || centralStart + centralSize != endAt) {
            throw new BundleFormatException("the archive directory is inconsistent");
        }
        String comment = new String(file, endAt + 22, commentLength, StandardCharsets.US_ASCII);
        if (!comment.startsWith(COMMENT_PREFIX)) {
            throw new BundleFormatException("the bundle digest is missing");
        }
        // the digest first: a changed byte anywhere is then reported as what it most likely is
        String expected = sha256Hex(java.util.Arrays.copyOf(file, endAt + 22));
        if (!comment.substring(COMMENT_PREFIX.length()).equals(expected)) {
            throw new BundleFormatException(dev.tpc.diag.BundleRule.BUNDLE_DIGEST,
                    "the bundle digest does not match its content (the file was modified after tpc wrote it)");
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        int p = (int) centralStart;
        for (int i = 0; i < count; i++) {
            if (p + 46 > endAt || b.getInt(p) != CENTRAL) {
                throw new BundleFormatException("the archive directory is damaged at entry " + i);
            }
            long size = Integer.toUnsignedLong(b.getInt(p + 24));
            int nameLength = Short.toUnsignedInt(b.getShort(p + 28));
            long local = Integer.toUnsignedLong(b.getInt(p + 42));
            if (p + 46 + nameLength > endAt) {
                throw new BundleFormatException("the archive directory is damaged at entry " + i);
            }
            String name = new String(file, p + 46, nameLength, StandardCharsets.UTF_8);
            long dataStart = local + 30 + nameLength;
            if (dataStart + size > centralStart) {
                throw new BundleFormatException("entry " + name + " runs past the archive directory");
            }
            byte[] data = new byte[(int) size];
            System.arraycopy(file, (int) dataStart, data, 0, (int) size);
            if (entries.put(name, data) != null) {
                throw new BundleFormatException("entry " + name + " appears twice");
            }
            p += 46 + nameLength;
        }
        byte[] canonical;
        try {
            canonical = write(entries);
        } catch (IllegalArgumentException e) {
            throw new BundleFormatException(e.getMessage());
        }
        if (!MessageDigest.isEqual(canonical, file)) {
            throw new BundleFormatException("the bundle is not in canonical form (tpc did not write it this way)");
        }
        return entries;
    }

    static void checkName(String name) {
        if (name.isEmpty() || name.length() > 200 || name.startsWith("/") || name.contains("..")
                || name.contains("\\") || name.contains("//") || !name.matches("[A-Za-z0-9._/:+-]+")) {
            throw new IllegalArgumentException("invalid bundle entry name '" + name + "'");
        }
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static long crc(byte[] data) {
        CRC32 c = new CRC32();
        c.update(data);
        return c.getValue();
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
