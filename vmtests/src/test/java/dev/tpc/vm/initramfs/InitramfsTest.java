package dev.tpc.vm.initramfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

class InitramfsTest {
    @TempDir
    Path dir;

    /** A minimal ELF64 relocatable object with a .modinfo section, as a kernel module has. */
    static byte[] fakeModule(String name, String depends) {
        byte[] modinfo = ("license=GPL\0depends=" + depends + "\0name=" + name + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] shstrtab = "\0.modinfo\0.shstrtab\0".getBytes(StandardCharsets.US_ASCII);
        int modinfoOff = 64;
        int shstrOff = modinfoOff + modinfo.length;
        int shoff = shstrOff + shstrtab.length;
        ByteBuffer b = ByteBuffer.allocate(shoff + 3 * 64).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1});
        b.putShort(16, (short) 1).putShort(18, (short) 62).putInt(20, 1);
        b.putLong(0x28, shoff).putShort(0x34, (short) 64).putShort(0x3A, (short) 64).putShort(0x3C, (short) 3)
                .putShort(0x3E, (short) 2);
        b.put(modinfoOff, modinfo).put(shstrOff, shstrtab);
        section(b, shoff + 64, 1, modinfoOff, modinfo.length);
        section(b, shoff + 128, 10, shstrOff, shstrtab.length);
        return b.array();
    }

    private static void section(ByteBuffer b, int at, int name, long off, long size) {
        b.putInt(at, name).putInt(at + 4, 1).putLong(at + 0x18, off).putLong(at + 0x20, size);
    }

    private Path modules() throws IOException {
        Path m = dir.resolve("lib/modules/9.9.9-test");
        Path k = Files.createDirectories(m.resolve("kernel/drivers"));
        // 9p -> 9pnet, netfs; 9pnet_virtio -> 9pnet, virtio_ring (built in); virtio_pci -> virtio-pci-modern-dev
        Files.write(k.resolve("9p.ko.xz"), xz(fakeModule("9p", "9pnet,netfs")));
        Files.write(k.resolve("9pnet.ko"), fakeModule("9pnet", ""));
        Files.write(k.resolve("netfs.ko.zst"), zstd(fakeModule("netfs", "")));
        Files.write(k.resolve("9pnet_virtio.ko.zst"), zstd(fakeModule("9pnet_virtio", "9pnet,virtio_ring")));
        Files.write(k.resolve("virtio_pci.ko"), fakeModule("virtio_pci", "virtio_pci_modern_dev"));
        Files.write(k.resolve("virtio-pci-modern-dev.ko.xz"), xz(fakeModule("virtio_pci_modern_dev", "")));
        Files.write(k.resolve("virtio-rng.ko"), fakeModule("virtio_rng", "rng_core"));
        Files.write(k.resolve("unrelated.ko"), fakeModule("unrelated", ""));
        Files.writeString(m.resolve("modules.builtin"), "kernel/drivers/virtio/virtio_ring.ko\nkernel/drivers/char/hw_random/rng-core.ko\n");
        return m;
    }

    private static byte[] xz(byte[] b) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (OutputStream x = new XZOutputStream(o, new LZMA2Options())) {
            x.write(b);
        }
        return o.toByteArray();
    }

    private static byte[] zstd(byte[] b) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (OutputStream z = new ZstdOutputStream(o)) {
            z.write(b);
        }
        return o.toByteArray();
    }

    private Path busybox() throws IOException {
        // a static ELF: no PT_INTERP program header
        ByteBuffer b = ByteBuffer.allocate(64 + 56).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1});
        b.putLong(0x20, 64).putShort(0x36, (short) 56).putShort(0x38, (short) 1).putInt(64, 1);
        return Files.write(dir.resolve("busybox"), b.array());
    }

    @Test
    void resolvesTheDependencyChainDepthFirstAndLeavesOutBuiltIns() throws Exception {
        assertEquals(List.of("virtio_pci_modern_dev", "virtio_pci", "9pnet", "9pnet_virtio", "netfs", "9p", "virtio_rng"),
                Initramfs.moduleOrder(modules(), Initramfs.GUEST_MODULES));
    }

    @Test
    void aMissingModuleNamesWhoNeededIt() throws Exception {
        Path m = modules();
        Files.write(m.resolve("kernel/drivers/9p.ko.xz"), xz(fakeModule("9p", "9pnet,fscache")));
        InitramfsException e = assertThrows(InitramfsException.class, () -> Initramfs.moduleOrder(m, List.of("9p")));
        assertTrue(e.getMessage().contains("module fscache is neither in") && e.getMessage().endsWith("needed by 9p"),
                e.getMessage());
    }

    @Test
    void theImageHoldsInitBusyboxModulesAndConfigAndIsReproducible() throws Exception {
        Path m = modules();
        Path config = Files.writeString(dir.resolve("config-9.9.9-test"), "CONFIG_LSM=\"yama\"\n");
        byte[] init = Initramfs.init();
        Path a = Initramfs.build("9.9.9-test", "9.9.9-1", m, Optional.of(config), busybox(), Initramfs.GUEST_MODULES, init,
                dir.resolve("cache1"));
        Path b = Initramfs.build("9.9.9-test", "9.9.9-1", m, Optional.of(config), busybox(), Initramfs.GUEST_MODULES, init,
                dir.resolve("cache2"));
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "same inputs, same bytes");
        assertEquals(a.getFileName(), b.getFileName(), "cached by kernel version and input digest");

        Map<String, CpioArchiveEntry> entries = new LinkedHashMap<>();
        Map<String, byte[]> content = new LinkedHashMap<>();
        try (CpioArchiveInputStream cpio = new CpioArchiveInputStream(new ByteArrayInputStream(
                Initramfs.gunzipForTests(Files.readAllBytes(a))))) {
            for (CpioArchiveEntry e = cpio.getNextCPIOEntry(); e != null; e = cpio.getNextCPIOEntry()) {
                entries.put(e.getName(), e);
                content.put(e.getName(), cpio.readAllBytes());
            }
        }
        assertEquals(List.copyOf(entries.keySet()).stream().sorted().toList(), List.copyOf(entries.keySet()), "sorted entries");
        assertArrayEquals(init, content.get("init"));
        assertEquals(0755, entries.get("init").getMode() & 0777);
        assertTrue(entries.get("dev/console").isCharacterDevice());
        assertEquals("busybox", new String(content.get("bin/sh"), StandardCharsets.UTF_8));
        assertEquals("virtio_pci_modern_dev\nvirtio_pci\n9pnet\n9pnet_virtio\nnetfs\n9p\nvirtio_rng\n",
                new String(content.get("modules.order"), StandardCharsets.UTF_8));
        assertArrayEquals(fakeModule("9p", "9pnet,netfs"), content.get("lib/modules/9p.ko"), "decompressed from .ko.xz");
        assertArrayEquals(fakeModule("netfs", ""), content.get("lib/modules/netfs.ko"), "decompressed from .ko.zst");
        assertTrue(content.containsKey("config-9.9.9-test"));
        assertTrue(!content.containsKey("lib/modules/unrelated.ko"));
        assertTrue(entries.values().stream().allMatch(e -> e.getTime() == 0 && e.getUID() == 0), "fixed mtimes and owners");

        Path other = Initramfs.build("9.9.9-test", "9.9.9-1", m, Optional.of(config), busybox(), Initramfs.GUEST_MODULES,
                "#!/bin/sh\nexit 0\n".getBytes(StandardCharsets.UTF_8), dir.resolve("cache1"));
        assertNotEquals(a, other, "another init is another image");
    }

    @Test
    void aDynamicBusyboxIsRefusedWithAMessage() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(64 + 56).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1});
        b.putLong(0x20, 64).putShort(0x36, (short) 56).putShort(0x38, (short) 1).putInt(64, 3); // PT_INTERP
        Path dynamic = Files.write(dir.resolve("busybox-dynamic"), b.array());
        InitramfsException e = assertThrows(InitramfsException.class, () -> Initramfs.build("r", "v", modules(),
                Optional.empty(), dynamic, List.of(), Initramfs.init(), dir.resolve("c")));
        assertTrue(e.getMessage().contains("is dynamically linked") && e.getMessage().contains("busybox-static"), e.getMessage());
        assertTrue(Initramfs.isStaticElf(Files.readAllBytes(Path.of("/bin/busybox"))) || !Files.exists(Path.of("/bin/busybox")));
    }
}
