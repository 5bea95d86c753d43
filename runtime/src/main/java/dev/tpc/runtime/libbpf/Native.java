package dev.tpc.runtime.libbpf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jnr.ffi.LibraryLoader;
import jnr.ffi.LibraryOption;

/**
 * The loaded native libraries: the system libbpf 1.x and libc. Loaded once per process; a failure is
 * remembered and reported with the same message on every later call, so that {@code doctor} and the
 * loader say the same thing.
 */
public final class Native {
    /** The only soname tpc accepts: libbpf 1.x (Debian {@code libbpf1}). */
    public static final String LIBBPF_SONAME = "libbpf.so.1";

    private static final List<String> LIBRARY_DIRS = List.of(
            "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu",
            "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib", "/lib", "/usr/local/lib",
            "/usr/local/lib64");

    private static final Object LOCK = new Object();
    private static Native instance;
    private static LibbpfUnavailableException failure;

    private final LibBpf bpf;
    private final Libc libc;
    private final jnr.ffi.Runtime runtime;
    private final String version;
    private final Arch arch;

    private Native(LibBpf bpf, Libc libc, Arch arch) {
        this.bpf = bpf;
        this.libc = libc;
        this.runtime = jnr.ffi.Runtime.getRuntime(bpf);
        this.version = bpf.libbpf_version_string();
        this.arch = arch;
    }

    /** The loaded libraries, or the reason they cannot be loaded here. */
    public static Native get() throws LibbpfUnavailableException {
        synchronized (LOCK) {
            if (instance != null) {
                return instance;
            }
            if (failure != null) {
                throw failure;
            }
            try {
                instance = load();
                LibbpfLog.install(instance);
                return instance;
            } catch (LibbpfUnavailableException e) {
                failure = e;
                throw e;
            }
        }
    }

    /** The loaded libraries; only for code that runs after a successful {@link #get()}. */
    public static Native getLoaded() {
        synchronized (LOCK) {
            if (instance == null) {
                throw new IllegalStateException("libbpf is not loaded");
            }
            return instance;
        }
    }

    private static Native load() throws LibbpfUnavailableException {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) {
            throw new LibbpfUnavailableException("loading BPF programs needs Linux; this is " + System.getProperty("os.name")
                    + " (check and compile work everywhere, run and probe only on Linux)");
        }
        Arch arch = Arch.current();
        if (arch == null) {
            throw new LibbpfUnavailableException("unsupported CPU architecture " + System.getProperty("os.arch")
                    + "; tpc's runtime supports x86_64 and aarch64");
        }
        LibBpf bpf;
        try {
            bpf = LibraryLoader.create(LibBpf.class)
                    .option(LibraryOption.LoadNow, Boolean.TRUE)
                    .failImmediately()
                    .load(LIBBPF_SONAME);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            throw new LibbpfUnavailableException(explainMissing(findInstalled(), e.getMessage()), e);
        }
        int major = bpf.libbpf_major_version();
        if (major < 1) {
            throw new LibbpfUnavailableException("the loaded " + LIBBPF_SONAME + " reports version "
                    + bpf.libbpf_version_string() + "; tpc needs libbpf 1.x (Debian package libbpf1)");
        }
        Libc libc;
        try {
            libc = LibraryLoader.create(Libc.class).option(LibraryOption.LoadNow, Boolean.TRUE)
                    .failImmediately().load("libc.so.6");
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            throw new LibbpfUnavailableException("cannot load the C library libc.so.6: " + e.getMessage(), e);
        }
        return new Native(bpf, libc, arch);
    }

    /** Every file named libbpf.so* in the usual library directories. */
    static List<Path> findInstalled() {
        List<Path> found = new ArrayList<>();
        for (String dir : LIBRARY_DIRS) {
            try (var files = Files.list(Path.of(dir))) {
                files.filter(p -> p.getFileName().toString().startsWith("libbpf.so")).sorted().forEach(found::add);
            } catch (Exception ignored) {
                // directory absent or unreadable: nothing there for us
            }
        }
        return found;
    }

    /**
     * Why libbpf 1.x could not be loaded, given which libbpf files exist. An older soname (Ubuntu
     * 22.04 ships only libbpf.so.0) is named explicitly: its API lacks what the loader needs.
     */
    static String explainMissing(List<Path> installed, String loaderMessage) {
        List<String> older = installed.stream().map(p -> p.getFileName().toString())
                .filter(n -> n.startsWith("libbpf.so.0")).distinct().toList();
        StringBuilder m = new StringBuilder("cannot load ").append(LIBBPF_SONAME).append(" (libbpf 1.x)");
        if (!older.isEmpty()) {
            m.append(": only an older libbpf is installed (").append(String.join(", ", older))
                    .append(", libbpf 0.x as on Ubuntu 22.04), which tpc does not support");
        } else if (loaderMessage != null && !loaderMessage.isBlank()) {
            m.append(": ").append(loaderMessage.strip());
        }
        m.append("; install libbpf 1.x: Debian bookworm or later `apt-get install libbpf1`, Ubuntu 24.04 `apt-get install libbpf1`");
        return m.toString();
    }

    public LibBpf bpf() {
        return bpf;
    }

    public Libc libc() {
        return libc;
    }

    public jnr.ffi.Runtime runtime() {
        return runtime;
    }

    /** libbpf's own version string, e.g. {@code v1.1}. */
    public String libbpfVersion() {
        return version;
    }

    public Arch arch() {
        return arch;
    }

    /** errno of the last failed native call on this thread. */
    public int lastErrno() {
        return jnr.ffi.LastError.getLastError(runtime);
    }

    /** The CPU architectures the runtime knows system call numbers for. */
    public enum Arch {
        X86_64(298, 321, "__x64_sys_"),
        AARCH64(241, 280, "__arm64_sys_");

        public final long perfEventOpen;
        public final long bpf;
        /** Prefix of syscall entry functions in the kernel's symbol table. */
        public final String syscallPrefix;

        Arch(long perfEventOpen, long bpf, String syscallPrefix) {
            this.perfEventOpen = perfEventOpen;
            this.bpf = bpf;
            this.syscallPrefix = syscallPrefix;
        }

        static Arch current() {
            return switch (System.getProperty("os.arch", "")) {
                case "amd64", "x86_64" -> X86_64;
                case "aarch64", "arm64" -> AARCH64;
                default -> null;
            };
        }
    }
}
