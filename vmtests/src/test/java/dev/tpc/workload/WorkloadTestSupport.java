package dev.tpc.workload;

import dev.tpc.testing.Skip;
import dev.tpc.runtime.sys.Privileges;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Preconditions of the tests that run the helper for real; a missing one skips with the reason printed. */
final class WorkloadTestSupport {
    private WorkloadTestSupport() {
    }

    /** The extracted helper (skips when this build or machine has none). */
    static Path requireHelper() {
        try {
            return Workloads.helperBinary();
        } catch (WorkloadUnavailableException e) {
            return skip("no workload helper: " + e.getMessage());
        }
    }

    static void requireRoot() {
        if (!Privileges.isRoot()) {
            skip(Skip.Kind.ROOT, "not root: switching users and joining cgroups needs root");
        }
    }

    /** A cgroup v2 hierarchy this process may create directories in. */
    static Path requireCgroup2() {
        for (String m : List.of("/sys/fs/cgroup/unified", "/sys/fs/cgroup")) {
            Path p = Path.of(m);
            if (Files.isRegularFile(p.resolve("cgroup.procs")) && Files.exists(p.resolve("cgroup.controllers"))
                    && Files.isWritable(p)) {
                return p;
            }
        }
        return skip("no writable cgroup v2 hierarchy at /sys/fs/cgroup/unified or /sys/fs/cgroup");
    }

    static Optional<Path> gcc() {
        for (String dir : List.of("/usr/bin", "/usr/local/bin", "/bin")) {
            Path p = Path.of(dir, "gcc");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    static Path requireGcc() {
        return gcc().orElseGet(() -> skip("no gcc in /usr/bin, /usr/local/bin or /bin (Debian: apt-get install gcc libc6-dev)"));
    }

    static WorkloadSpec calls(Path dir, Duration timeout, WorkloadSpec.SyscallOp... ops) {
        return new WorkloadSpec(Optional.empty(), Optional.empty(), Optional.empty(), dir, Map.of(),
                new WorkloadSpec.Syscalls(List.of(ops)), timeout, dir.resolve("stdout"), dir.resolve("stderr"));
    }

    static WorkloadSpec command(Path dir, Duration timeout, String path, String... argv) {
        return new WorkloadSpec(Optional.empty(), Optional.empty(), Optional.empty(), dir, Map.of("PATH", "/usr/bin:/bin"),
                new WorkloadSpec.Exec(path, List.of(argv)), timeout, dir.resolve("stdout"), dir.resolve("stderr"));
    }

    static WorkloadSpec.SyscallOp op(String name, WorkloadSpec.Arg... args) {
        int nr = SyscallCatalog.number(name, dev.tpc.target.Arch.X86_64)
                .orElseThrow(() -> new IllegalArgumentException("no syscall " + name));
        return new WorkloadSpec.SyscallOp(nr, List.of(args));
    }

    static WorkloadSpec.Int i(long v) {
        return new WorkloadSpec.Int(v);
    }

    static WorkloadSpec.CString str(String s) {
        return new WorkloadSpec.CString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static long constant(String name) {
        return Constants.value(name).orElseThrow(() -> new IllegalArgumentException("no constant " + name));
    }

    /** Processes whose parent is this JVM, zombies included (read from /proc). */
    static List<Long> childrenOfThisJvm() throws IOException {
        long self = ProcessHandle.current().pid();
        try (var dirs = Files.list(Path.of("/proc"))) {
            return dirs.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(d -> ppid(d) == self).map(d -> Long.parseLong(d.getFileName().toString())).toList();
        }
    }

    private static long ppid(Path procDir) {
        try {
            String stat = Files.readString(procDir.resolve("stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static <T> T skip(String reason) {
        return Skip.because(Skip.Kind.BPF, reason);
    }

    /** Skips for a missing precondition of this kind (or fails when the run requires it, see {@link Skip}). */
    static <T> T skip(Skip.Kind kind, String reason) {
        return Skip.because(kind, reason);
    }
}
