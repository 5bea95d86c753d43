package dev.tpc.vm.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

class VmlinuxExtractorTest {
    @TempDir
    Path dir;

    private static byte[] elf() {
        ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1});
        b.putLong(0x20, 64).putShort(0x36, (short) 56).putShort(0x38, (short) 1);
        b.putLong(0x28, 4096 - 128).putShort(0x3A, (short) 64).putShort(0x3C, (short) 2);
        for (int i = 200; i < 3000; i++) {
            b.put(i, (byte) (i * 7));
        }
        return b.array();
    }

    @Test
    void findsTheXzPayloadAfterFalseStartsAndIgnoresTheTrailer() throws Exception {
        ByteArrayOutputStream image = new ByteArrayOutputStream();
        image.write("bzImage setup code".getBytes());
        image.write(new byte[] {(byte) 0xFD, '7', 'z', 'X', 'Z', 0, 1, 2, 3}); // a false start of the magic
        try (OutputStream xz = new XZOutputStream(nonClosing(image), new LZMA2Options())) {
            xz.write(elf());
        }
        image.write(new byte[] {0x10, 0x20, 0x30, 0x40}); // the decompressor's size trailer
        Path bz = Files.write(dir.resolve("vmlinuz"), image.toByteArray());
        Optional<Path> out = VmlinuxExtractor.extract(bz, dir.resolve("vmlinux"));
        assertTrue(out.isPresent());
        assertArrayEquals(elf(), Files.readAllBytes(out.get()));
    }

    @Test
    void anImageWithoutPayloadBootsAsItIs() throws Exception {
        Path bz = Files.write(dir.resolve("vmlinuz"), new byte[] {1, 2, 3, (byte) 0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 9});
        assertEquals(Optional.empty(), VmlinuxExtractor.extract(bz, dir.resolve("vmlinux")));
        assertTrue(Files.notExists(dir.resolve("vmlinux")) && Files.notExists(dir.resolve("vmlinux.part")));
    }

    private static OutputStream nonClosing(OutputStream o) {
        return new OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                o.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws java.io.IOException {
                o.write(b, off, len);
            }
        };
    }
}
