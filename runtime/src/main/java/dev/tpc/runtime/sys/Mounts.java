package dev.tpc.runtime.sys;

import dev.tpc.runtime.libbpf.Errno;
import dev.tpc.runtime.libbpf.Native;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pseudo file systems BPF needs: tracefs (libbpf reads tracepoint ids there) and bpffs. When
 * they are absent they are mounted at their standard places, as Tetragon does at start.
 */
public final class Mounts {
    public static final Path TRACEFS = Path.of("/sys/kernel/tracing");
    /** Where libbpf looks first: tracefs as automounted inside debugfs. */
    public static final Path DEBUGFS_TRACING = Path.of("/sys/kernel/debug/tracing");
    public static final Path BPFFS = Path.of("/sys/fs/bpf");
    public static final Path SECURITYFS = Path.of("/sys/kernel/security");

    private Mounts() {
    }

    /** One line of /proc/self/mountinfo, reduced to what we use. */
    public record Mount(Path mountPoint, String fsType) {
    }

    /** What {@link #ensure} found or did. */
    public record Outcome(String fsType, Path path, boolean wasMounted, boolean mountedNow, String error) {
        public boolean available() {
            return wasMounted || mountedNow;
        }

        public String describe() {
            if (wasMounted) {
                return fsType + " mounted at " + path;
            }
            if (mountedNow) {
                return fsType + " was not mounted; mounted it at " + path;
            }
            return fsType + " not mounted at " + path + " and mounting failed: " + error;
        }
    }

    public static List<Mount> current() {
        List<Mount> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                // id parent major:minor root mountpoint options [optional...] - fstype source superopts
                String[] left = line.split(" - ", 2);
                String[] f = left[0].split(" ");
                if (left.length < 2 || f.length < 5) {
                    continue;
                }
                String fsType = left[1].split(" ")[0];
                out.add(new Mount(Path.of(unescape(f[4])), fsType));
            }
        } catch (IOException e) {
            // no mountinfo (not Linux): nothing is mounted as far as we can tell
        }
        return out;
    }

    private static String unescape(String s) {
        return s.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }

    public static Optional<String> fsTypeAt(Path path) {
        String found = null;
        for (Mount m : current()) {
            if (m.mountPoint().equals(path)) {
                found = m.fsType(); // the last mount on a path is the visible one
            }
        }
        return Optional.ofNullable(found);
    }

    /** tracefs, at either place libbpf looks. */
    public static Outcome ensureTracefs(Native n) {
        if ("tracefs".equals(fsTypeAt(DEBUGFS_TRACING).orElse(""))) {
            return new Outcome("tracefs", DEBUGFS_TRACING, true, false, "");
        }
        return ensure(n, "tracefs", TRACEFS);
    }

    public static Outcome ensureBpffs(Native n) {
        return ensure(n, "bpf", BPFFS);
    }

    public static Outcome ensureSecurityfs(Native n) {
        return ensure(n, "securityfs", SECURITYFS);
    }

    /** Mounts {@code fsType} at {@code path} unless it is already there. */
    public static Outcome ensure(Native n, String fsType, Path path) {
        if (fsType.equals(fsTypeAt(path).orElse(""))) {
            return new Outcome(fsType, path, true, false, "");
        }
        if (n == null) {
            return new Outcome(fsType, path, false, false, "native libraries unavailable");
        }
        int rc = n.libc().mount(fsType, path.toString(), fsType, 0, null);
        if (rc != 0) {
            return new Outcome(fsType, path, false, false, Errno.describe(n.lastErrno()));
        }
        return new Outcome(fsType, path, false, true, "");
    }
}
