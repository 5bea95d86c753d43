package dev.tpc.vm.kernel;

import io.airlift.compress.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.tukaani.xz.SingleXZInputStream;

/**
 * Extracts the uncompressed ELF kernel from a bzImage: scans for the magic of the compressed
 * payload, decompresses from there, and keeps the result when it is an ELF file (the scan finds
 * false starts too). qemu boots the ELF through its PVH note, which skips the decompressor that
 * costs about 3 s under TCG for Debian's XZ images (5.10, 6.1). XZ is decompressed with
 * org.tukaani xz. ZSTD (6.12, 7.2) is tried with aircompressor, which refuses the kernel's 128 MiB
 * window ("window size too large"), then with the host's {@code zstd} when it is installed; an
 * image that yields nothing boots as it is (the in-guest decompressor costs ~3 s more per boot).
 */
final class VmlinuxExtractor {
    private static final byte[] XZ = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0};
    private static final byte[] ZSTD = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD};
    private static final byte[] ELF = {0x7F, 'E', 'L', 'F'};

    private VmlinuxExtractor() {}

    static Optional<Path> extract(Path image, Path out) throws IOException {
        byte[] bytes = Files.readAllBytes(image);
        for (byte[] magic : new byte[][] {XZ, ZSTD}) {
            for (int at = indexOf(bytes, magic, 0); at >= 0; at = indexOf(bytes, magic, at + 1)) {
                if (tryAt(bytes, at, magic == XZ, out) || magic == ZSTD && withZstdTool(bytes, at, out)) {
                    return Optional.of(out);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean tryAt(byte[] bytes, int at, boolean xz, Path out) throws IOException {
        Path tmp = out.resolveSibling(out.getFileName() + ".part");
        try (InputStream raw = new ByteArrayInputStream(bytes, at, bytes.length - at);
             InputStream in = xz ? new SingleXZInputStream(raw) : new ZstdInputStream(raw)) {
            byte[] head = in.readNBytes(4);
            if (!Arrays.equals(head, ELF)) {
                return false;
            }
            try (OutputStream o = Files.newOutputStream(tmp)) {
                o.write(head);
                in.transferTo(o);
            } catch (IOException | RuntimeException e) {
                // the data after the stream (the decompressor's size trailer) may upset the decoder once the
                // whole ELF is out: whether it is complete is decided by its header below
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            return false;
        }
        if (!completeElf(tmp)) {
            Files.deleteIfExists(tmp);
            return false;
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    private static final Path ZSTD_TOOL = Path.of("/usr/bin/zstd");

    private static boolean withZstdTool(byte[] bytes, int at, Path out) throws IOException {
        if (!Files.isExecutable(ZSTD_TOOL)) {
            return false;
        }
        Path tmp = out.resolveSibling(out.getFileName() + ".part");
        Process p = new ProcessBuilder(ZSTD_TOOL.toString(), "-dcq", "--long=31")
                .redirectOutput(tmp.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(bytes, at, bytes.length - at);
        } catch (IOException e) {
            // zstd stops reading at the end of the frame or at garbage: its output decides
        }
        try {
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        if (!completeElf(tmp)) {
            Files.deleteIfExists(tmp);
            return false;
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    /** A 64-bit little-endian ELF whose section header table (at its end) is all there. */
    static boolean completeElf(Path file) throws IOException {
        long length = Files.size(file);
        if (length < 64) {
            return false;
        }
        ByteBuffer h = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel c = FileChannel.open(file)) {
            c.read(h, 0);
        }
        if (h.get(4) != 2 || h.get(5) != 1) {
            return false;
        }
        long shoff = h.getLong(0x28);
        long end = shoff + (long) Short.toUnsignedInt(h.getShort(0x3C)) * Short.toUnsignedInt(h.getShort(0x3A));
        long phEnd = h.getLong(0x20) + (long) Short.toUnsignedInt(h.getShort(0x38)) * Short.toUnsignedInt(h.getShort(0x36));
        return shoff > 0 && end <= length && phEnd <= length;
    }

    static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
