package dev.tpc.vm.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.target.DebianKernel;
import dev.tpc.target.TargetProfile;
import dev.tpc.target.TargetProfiles;
import dev.tpc.vm.testing.VmTestSupport;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kernel store against Debian's real archive (network and apt; skipped with the reason without them). */
class KernelStoreTest {
    /** Counts what the store asks of apt: the seam that proves a warm cache downloads nothing. */
    static final class CountingApt implements Apt {
        final Apt real;
        final AtomicInteger updates = new AtomicInteger();
        final AtomicInteger downloads = new AtomicInteger();
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger reads = new AtomicInteger();

        CountingApt(Apt real) {
            this.real = real;
        }

        @Override
        public Optional<Instant> lastUpdate() {
            calls.incrementAndGet();
            return real.lastUpdate();
        }

        @Override
        public List<String> update() throws KernelException {
            calls.incrementAndGet();
            updates.incrementAndGet();
            return real.update();
        }

        @Override
        public Map<String, Path> packageIndexes() throws KernelException {
            calls.incrementAndGet();
            reads.incrementAndGet();
            return real.packageIndexes();
        }

        @Override
        public InputStream open(Path indexFile) throws KernelException {
            calls.incrementAndGet();
            reads.incrementAndGet();
            return real.open(indexFile);
        }

        @Override
        public void download(List<IndexEntry> packages, Path dir, KernelListener progress) throws KernelException {
            calls.incrementAndGet();
            downloads.incrementAndGet();
            real.download(packages, dir, progress);
        }
    }

    @Test
    void eachNamedProfileResolvesToAKernelInItsSuiteToday() throws Exception {
        VmTestSupport.requireApt();
        VmTestSupport.requireNetwork();
        KernelStore store = new KernelStore(VmTestSupport.kernelCache(), false, KernelListener.NONE);
        for (TargetProfile p : TargetProfiles.all()) {
            DebianKernel debian = p.debian().orElseThrow();
            Resolution r = store.resolve(p.name(), debian);
            System.out.println("[resolve " + p.name() + "] " + r.describe() + ", " + r.size() / 1_000_000 + " MB");
            assertEquals(debian.packages().size(), r.packages().size());
            for (int i = 0; i < r.packages().size(); i++) {
                assertTrue(DebianKernel.regex(debian.packages().get(i)).matcher(r.packages().get(i).name()).matches());
                assertEquals(r.version(), r.packages().get(i).version());
                assertTrue(KernelResolver.suites(debian.suite()).contains(r.packages().get(i).suite()));
                assertTrue(r.packages().get(i).size() > 0);
            }
        }
    }

    @Test
    void aSecondRunWithAWarmCacheDownloadsNothingAndOfflineUsesTheCacheAlone() throws Exception {
        VmTestSupport.requireApt();
        VmTestSupport.requireNetwork();
        // a cache of its own (not under /tmp's tmpfs-sized @TempDir: kernels are large) for the smallest kernel
        Path cache = Files.createTempDirectory(Path.of("/var/tmp"), "tpc-kernel-cache-test.");
        try {
            KernelSource source = KernelSource.of(TargetProfiles.named("5.10").orElseThrow());
            AtomicInteger progress = new AtomicInteger();
            KernelListener listener = new KernelListener() {
                @Override
                public void download(String what, long done, long total) {
                    progress.incrementAndGet();
                }
            };
            CountingApt first = new CountingApt(new SystemApt(cache.resolve("apt")));
            Kernel k1 = new KernelStore(cache, false, KernelStore.DEFAULT_INDEX_MAX_AGE, listener, first).get(source);
            assertEquals(1, first.updates.get(), "an empty cache fetches the index");
            assertEquals(1, first.downloads.get(), "and the kernel");
            assertTrue(progress.get() > 0, "download progress was reported");
            assertTrue(Files.isRegularFile(k1.image()) && Files.isDirectory(k1.modulesDir()));
            assertTrue(k1.vmlinux().isPresent(), "5.10's XZ image yields a vmlinux for PVH boot");
            assertEquals(List.of("lsm=" + k1.lsm() + ",bpf"), k1.requiredArgs(), "5.10 needs bpf added to the LSM list");
            // a killed run's leftovers are not trusted
            Files.createDirectories(cache.resolve("tmp").resolve("half-a-kernel"));

            CountingApt second = new CountingApt(new SystemApt(cache.resolve("apt")));
            Kernel k2 = new KernelStore(cache, false, KernelStore.DEFAULT_INDEX_MAX_AGE, listener, second).get(source);
            assertEquals(k1, k2);
            assertEquals(0, second.downloads.get(), "a warm cache downloads nothing");
            assertEquals(0, second.updates.get(), "and a fresh index is not refreshed");
            assertEquals(0, second.reads.get(), "nor even read: the resolution is memoised with the index (only its age is asked)");

            CountingApt offline = new CountingApt(new SystemApt(cache.resolve("apt")));
            Kernel k3 = new KernelStore(cache, true, KernelStore.DEFAULT_INDEX_MAX_AGE, listener, offline).get(source);
            assertEquals(k1.version(), k3.version());
            assertEquals(0, offline.calls.get(), "--offline does not touch apt at all");
        } finally {
            KernelStore.deleteTree(cache);
        }
    }

    @Test
    void offlineWithoutTheKernelSaysHowToFillTheCache(@TempDir Path cache) {
        KernelSource source = new KernelSource.Named("6.1", TargetProfiles.named("6.1").orElseThrow().debian().orElseThrow());
        KernelException e = assertThrows(KernelException.class, () -> new KernelStore(cache, true, KernelListener.NONE).get(source));
        assertTrue(e.getMessage().startsWith("no cached kernel for profile 6.1 (linux-image-6.1.0-*-amd64-unsigned in bookworm)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("run once without --offline to fill the cache"), e.getMessage());
    }

    @Test
    void aBrokenDebIsAClearMessage(@TempDir Path dir) throws Exception {
        VmTestSupport.requireApt();
        Path deb = dir.resolve("linux-image-broken.deb");
        Files.writeString(deb, "!<arch>\nnot really a package\n");
        KernelException e = assertThrows(KernelException.class,
                () -> new KernelStore(dir.resolve("cache"), true, KernelListener.NONE).get(KernelSource.parse(deb.toString())));
        assertTrue(e.getMessage().startsWith(deb + " is not a Debian package"), e.getMessage());
        KernelException missing = assertThrows(KernelException.class, () -> KernelSource.parse(dir.resolve("nope.deb").toString()));
        assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
    }
}
