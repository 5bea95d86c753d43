package dev.tpc.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleArchiveTest {
    private static Map<String, byte[]> sample() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("manifest.json", "{\"format\":\"tpc-bundle/1\"}\n".getBytes(StandardCharsets.UTF_8));
        m.put("hooks/0/filter.bin", new byte[] {1, 0, 0, 0, 8, 0, 0, 0});
        m.put("a-first.txt", "hello".getBytes(StandardCharsets.UTF_8));
        return m;
    }

    @Test
    void roundTripsAndSortsEntries() throws Exception {
        byte[] file = BundleArchive.write(sample());
        Map<String, byte[]> back = BundleArchive.read(file);
        assertEquals(java.util.List.of("a-first.txt", "hooks/0/filter.bin", "manifest.json"), java.util.List.copyOf(back.keySet()));
        assertArrayEquals(sample().get("hooks/0/filter.bin"), back.get("hooks/0/filter.bin"));
        assertArrayEquals(file, BundleArchive.write(back), "writing is deterministic");
    }

    @Test
    void isAnOrdinaryZipForOtherTools(@TempDir Path dir) throws Exception {
        Path p = Files.write(dir.resolve("b.tpb"), BundleArchive.write(sample()));
        try (ZipFile zip = new ZipFile(p.toFile())) {
            ZipEntry e = zip.getEntry("a-first.txt");
            assertEquals("hello", new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(3, zip.size());
        }
    }

    @Test
    void everySingleByteChangeIsRefused() {
        byte[] file = BundleArchive.write(sample());
        for (int i = 0; i < file.length; i++) {
            byte[] tampered = file.clone();
            tampered[i] ^= 0x01;
            int at = i;
            assertThrows(BundleFormatException.class, () -> BundleArchive.read(tampered), () -> "flipping byte " + at + " went unnoticed");
        }
    }

    @Test
    void truncationAndAppendingAreRefused() {
        byte[] file = BundleArchive.write(sample());
        assertThrows(BundleFormatException.class, () -> BundleArchive.read(java.util.Arrays.copyOf(file, file.length - 1)));
        assertThrows(BundleFormatException.class, () -> BundleArchive.read(java.util.Arrays.copyOf(file, file.length + 1)));
        assertThrows(BundleFormatException.class, () -> BundleArchive.read(new byte[0]));
    }

    @Test
    void unsafeEntryNamesAreRejected() {
        for (String bad : new String[] {"../x", "/abs", "a\\b", "", "a//b", "sp ace"}) {
            assertThrows(IllegalArgumentException.class, () -> BundleArchive.checkName(bad), bad);
        }
    }
}
