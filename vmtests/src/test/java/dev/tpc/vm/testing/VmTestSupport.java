package dev.tpc.vm.testing;

import dev.tpc.testing.Skip;
import dev.tpc.target.TargetProfiles;
import dev.tpc.vm.kernel.Kernel;
import dev.tpc.vm.kernel.KernelException;
import dev.tpc.vm.kernel.KernelListener;
import dev.tpc.vm.kernel.KernelSource;
import dev.tpc.vm.kernel.KernelStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Preconditions of the tests that fetch and boot real kernels. A missing one aborts the test with
 * the reason printed, so a run without qemu or without the network says what it did not test.
 */
public final class VmTestSupport {
    private static final Map<String, Kernel> KERNELS = new ConcurrentHashMap<>();
    private static Boolean network;

    private VmTestSupport() {}

    /** The kernel cache the tests share: {@code -Dtpc.kernel.cache}, else TPC_KERNEL_CACHE, else ~/.cache/tpc/kernels. */
    public static Path kernelCache() {
        String p = System.getProperty("tpc.kernel.cache");
        return p != null && !p.isBlank() ? Path.of(p) : KernelStore.defaultCache(System.getenv());
    }

    public static void requireQemu() {
        if (!Files.isExecutable(Path.of("/usr/bin/qemu-system-x86_64"))) {
            skip("qemu-system-x86_64 is not installed (apt-get install qemu-system-x86)");
        }
        if (!Files.isRegularFile(Path.of("/bin/busybox"))) {
            skip("/bin/busybox is missing (apt-get install busybox-static)");
        }
    }

    public static void requireApt() {
        if (!Files.isExecutable(Path.of("/usr/bin/apt-get")) || !Files.isExecutable(Path.of("/usr/bin/dpkg-deb"))) {
            skip("apt-get and dpkg-deb are needed to fetch Debian kernels");
        }
    }

    /** Debian's mirror answers (the only network the kernel store needs). */
    public static synchronized boolean hasNetwork() {
        if (network == null) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("deb.debian.org", 80), 3000);
                network = true;
            } catch (IOException e) {
                network = false;
            }
        }
        return network;
    }

    public static void requireNetwork() {
        if (!hasNetwork()) {
            skip("Debian's mirror deb.debian.org is not reachable");
        }
    }

    /**
     * A named profile's kernel from the shared cache: downloaded when the network is there, from
     * the cache alone otherwise; skips when neither has it.
     */
    public static Kernel kernel(String profile) {
        requireApt();
        Kernel k = KERNELS.get(profile);
        if (k != null) {
            return k;
        }
        KernelStore store = new KernelStore(kernelCache(), !hasNetwork(), new KernelListener() {
            @Override
            public void status(String message) {
                System.out.println("[kernel " + profile + "] " + message);
            }
        });
        long t0 = System.nanoTime();
        try {
            k = store.get(KernelSource.of(TargetProfiles.named(profile).orElseThrow()));
            System.out.printf("[kernel %s] %s in %.1f s%n", profile, k.describe(), (System.nanoTime() - t0) / 1e9);
        } catch (KernelException e) {
            return skip("kernel " + profile + " unavailable: " + e.getMessage());
        }
        KERNELS.put(profile, k);
        return k;
    }

    public static <T> T skip(String reason) {
        return Skip.because(Skip.Kind.KERNELS, reason);
    }

    /** Skips for a missing precondition of this kind (or fails when the run requires it, see {@link Skip}). */
    public static <T> T skip(Skip.Kind kind, String reason) {
        return Skip.because(kind, reason);
    }
}
