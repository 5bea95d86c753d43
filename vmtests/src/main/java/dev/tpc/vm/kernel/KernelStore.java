package dev.tpc.vm.kernel;

import dev.tpc.target.DebianKernel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The kernels tpc boots: resolve → download → extract → cache. The one public entry of
 * {@code dev.tpc.vm.kernel}.
 *
 * <p>Cache layout ({@code ~/.cache/tpc/kernels}, {@code TPC_KERNEL_CACHE}, or a directory given):
 * {@code apt/} (tpc's private apt configuration and index), {@code debian/<image package>_<version>/}
 * (one kernel: {@code tree/} as dpkg-deb extracted it, {@code vmlinux}, {@code kernel.properties}),
 * {@code user/<digest>/} (kernels given as .deb), {@code tmp/} (work in progress), {@code locks/}.
 * A kernel directory appears by an atomic rename once it is complete, so a run that was killed
 * midway leaves only {@code tmp/} behind and a later run never trusts half a kernel.
 */
public final class KernelStore {
    /** The index is refreshed when older than this: Debian replaces kernel builds every few weeks. */
    public static final Duration DEFAULT_INDEX_MAX_AGE = Duration.ofHours(24);
    private static final Map<String, Object> IN_PROCESS_LOCKS = new ConcurrentHashMap<>();
    private static final Duration DPKG_TIMEOUT = Duration.ofMinutes(10);

    private final Path cache;
    private final boolean offline;
    private final Duration indexMaxAge;
    private final KernelListener listener;
    private final Apt apt;

    public KernelStore(Path cache, boolean offline, KernelListener listener) {
        this(cache, offline, DEFAULT_INDEX_MAX_AGE, listener, new SystemApt(cache.resolve("apt")));
    }

    public KernelStore(Path cache, boolean offline, Duration indexMaxAge, KernelListener listener, Apt apt) {
        this.cache = cache.toAbsolutePath();
        this.offline = offline;
        this.indexMaxAge = indexMaxAge;
        this.listener = listener == null ? KernelListener.NONE : listener;
        this.apt = apt;
    }

    /** {@code TPC_KERNEL_CACHE}, else {@code $XDG_CACHE_HOME/tpc/kernels}, else {@code ~/.cache/tpc/kernels}. */
    public static Path defaultCache(Map<String, String> env) {
        String dir = env.get("TPC_KERNEL_CACHE");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("tpc").resolve("kernels");
    }

    public Path cacheDir() {
        return cache;
    }

    /** The kernel a source stands for, downloading it when it is not cached (and not offline). */
    public Kernel get(KernelSource source) throws KernelException {
        try {
            if (source instanceof KernelSource.Named n) {
                return named(n.profile(), n.debian());
            } else if (source instanceof KernelSource.Debs d) {
                return debs(d.debs());
            } else if (source instanceof KernelSource.Image i) {
                return image(i.image(), i.modulesDir());
            }
            return tree(((KernelSource.Tree) source).root());
        } catch (UncheckedIOException e) {
            throw new KernelException(ioMessage(e.getCause()), e);
        }
    }

    /**
     * What a profile's packages resolve to in Debian's index today (refreshing the index when it is
     * missing or stale); downloads nothing.
     */
    public Resolution resolve(String profile, DebianKernel debian) throws KernelException {
        if (offline) {
            throw new KernelException("resolving " + profile + " against Debian's index needs the network; it is off (--offline)");
        }
        List<String> warnings = refreshIndexIfStale();
        warnings.forEach(listener::status);
        Optional<Instant> stamp = apt.lastUpdate();
        Path memo = cache.resolve("apt").resolve("resolved").resolve(memoKey(debian) + ".txt");
        Optional<Resolution> known = stamp.flatMap(t -> readMemo(memo, profile, t));
        if (known.isPresent()) {
            return known.get();
        }
        Resolution r = KernelResolver.resolve(profile, debian, apt);
        stamp.ifPresent(t -> writeMemo(memo, r, t));
        return r;
    }

    /*
     * Reading a suite's index takes seconds (tens of MB of text through apt-helper): the answer is
     * kept next to the index, valid as long as the index is the same.
     */
    private static String memoKey(DebianKernel debian) {
        MessageDigest sha = sha256();
        sha.update((debian.suite() + "\n" + String.join("\n", debian.packages())).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    }

    private static Optional<Resolution> readMemo(Path memo, String profile, Instant stamp) {
        try {
            if (!Files.isRegularFile(memo)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(memo);
            if (lines.size() < 3 || !lines.get(0).equals(Long.toString(stamp.toEpochMilli()))) {
                return Optional.empty();
            }
            List<IndexEntry> entries = new ArrayList<>();
            for (String l : lines.subList(2, lines.size())) {
                String[] f = l.split("\t");
                entries.add(new IndexEntry(f[0], f[1], f[2], Long.parseLong(f[3]), f[4]));
            }
            return Optional.of(new Resolution(profile, entries, lines.get(1)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void writeMemo(Path memo, Resolution r, Instant stamp) {
        StringBuilder sb = new StringBuilder().append(stamp.toEpochMilli()).append('\n').append(r.version()).append('\n');
        for (IndexEntry e : r.packages()) {
            sb.append(String.join("\t", e.name(), e.version(), e.suite(), Long.toString(e.size()), e.filename())).append('\n');
        }
        try {
            Files.createDirectories(memo.getParent());
            Path tmp = Files.createTempFile(memo.getParent(), ".memo", ".part");
            Files.writeString(tmp, sb);
            Files.move(tmp, memo, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // only a shortcut: the next run reads the index again
        }
    }

    private List<String> refreshIndexIfStale() throws KernelException {
        Optional<Instant> last = apt.lastUpdate();
        // the stamp is written only after a successful update: a fresh one means the index is there, and
        // asking apt would cost seconds (apt-get rebuilds its package cache from every index on each start)
        if (last.isPresent() && last.get().isAfter(Instant.now().minus(indexMaxAge))) {
            return List.of();
        }
        listener.status(last.isEmpty() ? "fetching Debian's package index for tpc's private apt configuration"
                : "refreshing Debian's package index (older than " + indexMaxAge.toHours() + " h)");
        try (FileLock lock = lockFile("apt")) {
            // another process may have refreshed it while we waited for the lock
            Optional<Instant> again = apt.lastUpdate();
            if (again.isPresent() && !again.equals(last) && again.get().isAfter(Instant.now().minus(indexMaxAge))) {
                return List.of();
            }
            return apt.update();
        } catch (IOException e) {
            throw new KernelException(ioMessage(e), e);
        }
    }

    private Kernel named(String profile, DebianKernel debian) throws KernelException {
        if (!debian.flavour().equals("amd64")) {
            throw new KernelException("profile " + profile + " names the " + debian.flavour() + " flavour; tpc's guests need"
                    + " Debian's generic amd64 flavour, whose 9p (the host root in the guest) is built as modules");
        }
        if (offline) {
            return newestCached(profile, debian).orElseThrow(() -> new KernelException("no cached kernel for profile "
                    + profile + " (" + debian.packages().get(0) + " in " + debian.suite() + ") in " + cache.resolve("debian")
                    + ", and --offline forbids downloading it: run once without --offline to fill the cache"
                    + " (the same --kernel-cache / TPC_KERNEL_CACHE)"));
        }
        Resolution r;
        try {
            r = resolve(profile, debian);
        } catch (KernelException e) {
            // no network today: a kernel cached earlier is better than none, and the report names its version
            Optional<Kernel> cached = newestCached(profile, debian);
            if (cached.isPresent()) {
                listener.status("cannot resolve " + profile + " against Debian's index (" + e.getMessage().lines().findFirst()
                        .orElse("") + "); using the cached " + cached.get().describe());
                return cached.get();
            }
            throw e;
        }
        Path entry = cache.resolve("debian").resolve(r.key());
        Optional<Kernel> hit = load(entry);
        if (hit.isPresent()) {
            return hit.get();
        }
        return install(r.key(), entry, work -> {
            listener.status("downloading " + r.describe() + ", " + mb(r.size()));
            Path debs = Files.createDirectories(work.resolve("debs"));
            apt.download(r.packages(), debs, listener);
            List<Path> files = listDebs(debs);
            if (files.size() != r.packages().size()) {
                throw new KernelException("apt-get download of " + r.describe() + " left " + files.size() + " of "
                        + r.packages().size() + " packages in " + debs);
            }
            return extract(work, files, profile, "debian " + r.packages().get(0).suite(),
                    r.packages().stream().map(IndexEntry::name).toList(), r.version());
        });
    }

    private Kernel debs(List<Path> debs) throws KernelException {
        List<String> names = new ArrayList<>();
        String version = null;
        MessageDigest sha = sha256();
        for (Path deb : debs) {
            Exec.Result f = Exec.run(List.of("dpkg-deb", "-f", deb.toString(), "Package", "Version"), null, DPKG_TIMEOUT);
            if (f.exit() != 0) {
                throw new KernelException(deb + " is not a Debian package: " + f.tail(2));
            }
            Map<String, String> fields = new HashMap<>();
            f.out().lines().forEach(l -> {
                int c = l.indexOf(':');
                if (c > 0) {
                    fields.put(l.substring(0, c).strip(), l.substring(c + 1).strip());
                }
            });
            names.add(fields.getOrDefault("Package", deb.getFileName().toString()));
            if (version == null) {
                version = fields.get("Version");
            }
            digest(sha, deb);
        }
        String key = HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        Path entry = cache.resolve("user").resolve(key);
        Optional<Kernel> hit = load(entry);
        if (hit.isPresent()) {
            return hit.get();
        }
        String v = version == null ? "unknown" : version;
        String name = debs.get(0).getFileName().toString();
        return install("user-" + key, entry, work -> extract(work, debs, name, "user .deb", names, v));
    }

    private Kernel image(Path image, Path modulesDir) throws KernelException {
        if (!Files.isRegularFile(image)) {
            throw new KernelException("kernel image " + image + " is not a file");
        }
        if (!Files.isDirectory(modulesDir.resolve("kernel")) && !Files.isRegularFile(modulesDir.resolve("modules.builtin"))) {
            throw new KernelException(modulesDir + " is not a kernel modules directory (lib/modules/<release>: no kernel/,"
                    + " no modules.builtin)");
        }
        String release = modulesDir.toAbsolutePath().normalize().getFileName().toString();
        Optional<Path> config = Stream.of(modulesDir.resolve("config"), image.resolveSibling("config-" + release))
                .filter(Files::isRegularFile).findFirst();
        return new Kernel(image.getFileName().toString(), "user image", List.of(), release, release, image,
                userVmlinux(image), modulesDir, config, KernelTree.lsm(config));
    }

    private Kernel tree(Path root) throws KernelException {
        KernelTree t = KernelTree.locate(root);
        return new Kernel(root.getFileName().toString(), "user tree", List.of(), t.release(), t.release(), t.image(),
                userVmlinux(t.image()), t.modulesDir(), t.config(), KernelTree.lsm(t.config()));
    }

    /** The vmlinux of a user's image, cached by the image's digest. */
    private Optional<Path> userVmlinux(Path image) throws KernelException {
        MessageDigest sha = sha256();
        digest(sha, image);
        Path out = cache.resolve("user").resolve("vmlinux-" + HexFormat.of().formatHex(sha.digest()).substring(0, 16));
        if (Files.isRegularFile(out)) {
            return Optional.of(out);
        }
        try {
            Files.createDirectories(out.getParent());
            return VmlinuxExtractor.extract(image, out);
        } catch (IOException e) {
            throw new KernelException(ioMessage(e), e);
        }
    }

    private interface Work {
        Kernel fill(Path work) throws KernelException, IOException;
    }

    /** Fills a fresh work directory and renames it to the entry, under a lock per key. */
    private Kernel install(String key, Path entry, Work work) throws KernelException {
        Object inProcess = IN_PROCESS_LOCKS.computeIfAbsent(key, k -> new Object());
        synchronized (inProcess) {
            try (FileLock lock = lockFile(key)) {
                Optional<Kernel> hit = load(entry);
                if (hit.isPresent()) {
                    return hit.get(); // another process fetched it while we waited
                }
                if (Files.exists(entry)) {
                    deleteTree(entry); // not complete (no kernel.properties): never trusted, replaced
                }
                Path tmp = Files.createDirectories(cache.resolve("tmp"));
                Path dir = Files.createTempDirectory(tmp, key + ".");
                try {
                    work.fill(dir);
                    deleteTree(dir.resolve("debs"));
                    Files.createDirectories(entry.getParent());
                    try {
                        Files.move(dir, entry, StandardCopyOption.ATOMIC_MOVE);
                    } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                        throw new KernelException("cannot install the kernel in " + entry + ": " + Exec.reason(e));
                    }
                    return load(entry).orElseThrow(() -> new KernelException("the kernel just installed in " + entry
                            + " does not read back"));
                } finally {
                    deleteTree(dir);
                }
            } catch (IOException e) {
                throw new KernelException(ioMessage(e), e);
            }
        }
    }

    private Kernel extract(Path work, List<Path> debs, String name, String source, List<String> packages, String version)
            throws KernelException, IOException {
        Path tree = Files.createDirectories(work.resolve("tree"));
        for (Path deb : debs) {
            listener.status("extracting " + deb.getFileName());
            Exec.Result x = Exec.run(List.of("dpkg-deb", "-x", deb.toString(), tree.toString()), null, DPKG_TIMEOUT);
            if (x.exit() != 0) {
                throw new KernelException("dpkg-deb -x " + deb.getFileName() + " failed (a broken or truncated .deb?): "
                        + x.tail(3));
            }
        }
        KernelTree t = KernelTree.locate(tree);
        Optional<Path> vmlinux = VmlinuxExtractor.extract(t.image(), work.resolve("vmlinux"));
        Properties p = new Properties();
        p.setProperty("name", name);
        p.setProperty("source", source);
        p.setProperty("packages", String.join(",", packages));
        p.setProperty("version", version);
        p.setProperty("release", t.release());
        p.setProperty("image", work.relativize(t.image()).toString());
        p.setProperty("modules", work.relativize(t.modulesDir()).toString());
        p.setProperty("config", t.config().map(c -> work.relativize(c).toString()).orElse(""));
        p.setProperty("vmlinux", vmlinux.isPresent() ? "vmlinux" : "");
        p.setProperty("lsm", KernelTree.lsm(t.config()));
        try (OutputStream o = Files.newOutputStream(work.resolve("kernel.properties"))) {
            p.store(o, "a kernel cached by tpc (docs/kernel-matrix.md)");
        }
        return read(work, p);
    }

    /** The kernel a complete cache entry holds; empty when there is none. */
    static Optional<Kernel> load(Path entry) throws KernelException {
        Path props = entry.resolve("kernel.properties");
        if (!Files.isRegularFile(props)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(props)) {
            p.load(in);
        } catch (IOException e) {
            throw new KernelException("cannot read " + props + ": " + Exec.reason(e));
        }
        return Optional.of(read(entry, p));
    }

    private static Kernel read(Path dir, Properties p) {
        String config = p.getProperty("config", "");
        String vmlinux = p.getProperty("vmlinux", "");
        String packages = p.getProperty("packages", "");
        return new Kernel(p.getProperty("name"), p.getProperty("source", ""),
                packages.isEmpty() ? List.of() : List.of(packages.split(",")), p.getProperty("version"),
                p.getProperty("release"), dir.resolve(p.getProperty("image")),
                vmlinux.isEmpty() ? Optional.empty() : Optional.of(dir.resolve(vmlinux)), dir.resolve(p.getProperty("modules")),
                config.isEmpty() ? Optional.empty() : Optional.of(dir.resolve(config)), p.getProperty("lsm", ""));
    }

    /** The newest cached kernel whose image package matches the profile's first pattern. */
    private Optional<Kernel> newestCached(String profile, DebianKernel debian) throws KernelException {
        Path dir = cache.resolve("debian");
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        List<Kernel> found = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path entry : s.toList()) {
                Optional<Kernel> k = load(entry);
                if (k.isPresent() && !k.get().packages().isEmpty()
                        && DebianKernel.regex(debian.packages().get(0)).matcher(k.get().packages().get(0)).matches()) {
                    found.add(k.get());
                }
            }
        } catch (IOException e) {
            throw new KernelException(ioMessage(e), e);
        }
        return found.stream().max(Comparator.comparing(Kernel::version, DebianVersion.ORDER))
                .map(k -> new Kernel(profile, k.source(), k.packages(), k.version(), k.release(), k.image(), k.vmlinux(),
                        k.modulesDir(), k.config(), k.lsm()));
    }

    private FileLock lockFile(String key) throws IOException {
        Path locks = Files.createDirectories(cache.resolve("locks"));
        FileChannel c = FileChannel.open(locks.resolve(key + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            return c.lock();
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private static List<Path> listDebs(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".deb")).sorted().toList();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void digest(MessageDigest sha, Path file) throws KernelException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                sha.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new KernelException("cannot read " + file + ": " + Exec.reason(e));
        }
    }

    static String ioMessage(IOException e) {
        String m = Exec.reason(e);
        if (m.contains("No space left")) {
            return "the disk is full (kernels take 100-400 MB each once extracted): " + m
                    + "; free space or point --kernel-cache / TPC_KERNEL_CACHE elsewhere";
        }
        return "kernel cache I/O failed: " + m;
    }

    private static String mb(long bytes) {
        return bytes < 0 ? "size unknown" : String.format("%.1f MB", bytes / 1e6);
    }
}
