package dev.tpc.vm.initramfs;

import dev.tpc.vm.kernel.Kernel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveOutputStream;
import org.apache.commons.compress.archivers.cpio.CpioConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Builds the initramfs of a tpc guest: static busybox, the modules for virtio-pci, 9p and
 * virtio-rng (dependencies first, decompressed), the kernel's config, and tpc's {@code /init}.
 * A newc cpio, gzip-compressed, with fixed mtimes, owners and sorted entries, so that the same
 * inputs give the same bytes; images are cached by kernel version and a digest of their inputs.
 * The one public entry of {@code dev.tpc.vm.initramfs}.
 */
public final class Initramfs {
    /** virtio-pci for the devices, 9p over virtio for the host root and the exchange dir, an entropy source. */
    public static final List<String> GUEST_MODULES = List.of("virtio_pci", "9pnet_virtio", "9p", "virtio_rng");
    public static final Path HOST_BUSYBOX = Path.of("/bin/busybox");
    private static final String FORMAT = "tpc-initramfs-1";

    private Initramfs() {}

    /** The cached image for this kernel (built when missing), with the host's busybox and the guest modules. */
    public static Path forKernel(Kernel kernel, Path cacheDir) throws InitramfsException {
        return build(kernel.release(), kernel.version(), kernel.modulesDir(), kernel.config(), HOST_BUSYBOX, GUEST_MODULES,
                init(), cacheDir);
    }

    /** tpc's /init (the resource next to this class). */
    public static byte[] init() {
        try (InputStream in = Initramfs.class.getResourceAsStream("init")) {
            if (in == null) {
                throw new IllegalStateException("resource dev/tpc/vm/initramfs/init is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Builds (or finds in {@code cacheDir}) the image.
     *
     * @param release    the kernel's uname -r (the config goes to /config-RELEASE)
     * @param version    the exact kernel version, part of the cache key
     * @param modulesDir lib/modules/RELEASE of the kernel
     * @param wanted     modules to load, in this order after their dependencies
     * @param init       the /init script
     */
    public static Path build(String release, String version, Path modulesDir, Optional<Path> config, Path busybox,
                             List<String> wanted, byte[] init, Path cacheDir) throws InitramfsException {
        try {
            byte[] bb = staticBusybox(busybox);
            List<ModuleTree.Module> modules = new ModuleTree(modulesDir).resolve(wanted);
            byte[] cfg = config.isPresent() ? Files.readAllBytes(config.get()) : null;
            TreeMap<String, Entry> entries = entries(release, bb, modules, cfg, init);
            String digest = digest(entries);
            Path out = cacheDir.resolve(safe(version) + "-" + digest + ".cpio.gz");
            if (Files.isRegularFile(out)) {
                return out;
            }
            Files.createDirectories(cacheDir);
            Path tmp = Files.createTempFile(cacheDir, ".initramfs", ".part");
            try {
                try (OutputStream o = Files.newOutputStream(tmp)) {
                    write(entries, o);
                }
                try {
                    Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            return out;
        } catch (IOException e) {
            throw new InitramfsException("cannot build the guest initramfs for kernel " + release + ": " + e.getMessage(), e);
        }
    }

    /** The modules that go in, in load order (for reports and tests). */
    public static List<String> moduleOrder(Path modulesDir, List<String> wanted) throws InitramfsException {
        try {
            return new ModuleTree(modulesDir).resolve(wanted).stream().map(ModuleTree.Module::name).toList();
        } catch (IOException e) {
            throw new InitramfsException(e.getMessage(), e);
        }
    }

    private static byte[] staticBusybox(Path busybox) throws IOException, InitramfsException {
        if (!Files.isRegularFile(busybox)) {
            throw new InitramfsException(busybox + " is missing: install busybox-static (the guest's /init runs on it)");
        }
        byte[] bytes = Files.readAllBytes(busybox);
        if (!isStaticElf(bytes)) {
            throw new InitramfsException(busybox + " is dynamically linked; the guest has no libc before it mounts the"
                    + " host root: install busybox-static (it replaces the dynamic busybox package)");
        }
        return bytes;
    }

    /** An ELF64 without a PT_INTERP program header (the dynamic loader) is static. */
    static boolean isStaticElf(byte[] b) {
        if (b.length < 64 || b[0] != 0x7F || b[1] != 'E' || b[2] != 'L' || b[3] != 'F' || b[4] != 2 || b[5] != 1) {
            return false;
        }
        java.nio.ByteBuffer h = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long phoff = h.getLong(0x20);
        int phentsize = Short.toUnsignedInt(h.getShort(0x36));
        int phnum = Short.toUnsignedInt(h.getShort(0x38));
        if (phoff + (long) phnum * phentsize > b.length) {
            return false;
        }
        for (int i = 0; i < phnum; i++) {
            if (h.getInt((int) phoff + i * phentsize) == 3) { // PT_INTERP
                return false;
            }
        }
        return true;
    }

    /** One cpio entry: a directory, a file (with content), a symlink (target as content) or a char device. */
    private record Entry(long mode, byte[] content, int devMajor, int devMinor) {}

    private static TreeMap<String, Entry> entries(String release, byte[] busybox, List<ModuleTree.Module> modules,
                                                  byte[] config, byte[] init) {
        TreeMap<String, Entry> e = new TreeMap<>();
        for (String d : List.of("bin", "dev", "proc", "sys", "mnt", "tmp", "lib", "lib/modules")) {
            e.put(d, new Entry(CpioConstants.C_ISDIR | 0755, new byte[0], 0, 0));
        }
        // the kernel opens /dev/console for init's stdio before init mounts devtmpfs
        e.put("dev/console", new Entry(CpioConstants.C_ISCHR | 0600, new byte[0], 5, 1));
        e.put("bin/busybox", new Entry(CpioConstants.C_ISREG | 0755, busybox, 0, 0));
        e.put("bin/sh", new Entry(CpioConstants.C_ISLNK | 0777, "busybox".getBytes(StandardCharsets.UTF_8), 0, 0));
        e.put("init", new Entry(CpioConstants.C_ISREG | 0755, init, 0, 0));
        StringBuilder order = new StringBuilder();
        for (ModuleTree.Module m : modules) {
            e.put("lib/modules/" + m.name() + ".ko", new Entry(CpioConstants.C_ISREG | 0644, m.bytes(), 0, 0));
            order.append(m.name()).append('\n');
        }
        e.put("modules.order", new Entry(CpioConstants.C_ISREG | 0644, order.toString().getBytes(StandardCharsets.UTF_8), 0, 0));
        if (config != null) {
            e.put("config-" + release, new Entry(CpioConstants.C_ISREG | 0644, config, 0, 0));
        }
        return e;
    }

    private static String digest(TreeMap<String, Entry> entries) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(FORMAT.getBytes(StandardCharsets.UTF_8));
            for (var e : entries.entrySet()) {
                sha.update((e.getKey() + "\0" + e.getValue().mode() + "\0" + e.getValue().content().length + "\0")
                        .getBytes(StandardCharsets.UTF_8));
                sha.update(e.getValue().content());
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(TreeMap<String, Entry> entries, OutputStream out) throws IOException {
        GzipParameters gz = new GzipParameters();
        gz.setModificationTime(0);
        gz.setCompressionLevel(6);
        try (GzipCompressorOutputStream z = new GzipCompressorOutputStream(out, gz);
             CpioArchiveOutputStream cpio = new CpioArchiveOutputStream(z, CpioConstants.FORMAT_NEW)) {
            long inode = 1;
            for (var e : entries.entrySet()) {
                CpioArchiveEntry a = new CpioArchiveEntry(CpioConstants.FORMAT_NEW, e.getKey());
                Entry v = e.getValue();
                a.setMode(v.mode());
                a.setInode(inode++);
                a.setNumberOfLinks((v.mode() & CpioConstants.S_IFMT) == CpioConstants.C_ISDIR ? 2 : 1);
                a.setTime(0);
                a.setUID(0);
                a.setGID(0);
                a.setRemoteDeviceMaj(v.devMajor());
                a.setRemoteDeviceMin(v.devMinor());
                a.setSize(v.content().length);
                cpio.putArchiveEntry(a);
                cpio.write(v.content());
                cpio.closeArchiveEntry();
            }
            cpio.finish();
        }
    }

    private static String safe(String version) {
        return version.replaceAll("[^A-Za-z0-9.+~_-]", "_");
    }

    static byte[] gunzipForTests(byte[] gz) throws IOException {
        try (InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            in.transferTo(o);
            return o.toByteArray();
        }
    }
}
