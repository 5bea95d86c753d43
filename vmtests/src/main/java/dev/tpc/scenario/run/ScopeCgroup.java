package dev.tpc.scenario.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A cgroup v2 directory of its own per scenario. The workload helper puts each step's process in
 * it before anything else, and the policies are loaded scoped to it: their programs act on, and
 * report, only the scenario's processes, so an enforcing policy can never hit anything else on
 * the machine. Its id (what {@code bpf_get_current_cgroup_id} returns) is the directory's inode
 * number on 64-bit kernels.
 */
final class ScopeCgroup implements AutoCloseable {
    private static final int REMOVE_ATTEMPTS = 100;

    private final Path dir;
    private final long id;

    private ScopeCgroup(Path dir, long id) {
        this.dir = dir;
        this.id = id;
    }

    /** Where cgroup v2 is mounted (unified, or the hybrid layout's {@code unified} directory). */
    static Optional<Path> mountPoint() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8)) {
                // ... mount-point ... - fstype source options
                int dash = line.indexOf(" - ");
                if (dash < 0) {
                    continue;
                }
                String[] after = line.substring(dash + 3).split(" ");
                String[] before = line.substring(0, dash).split(" ");
                if (after.length > 0 && after[0].equals("cgroup2") && before.length > 4) {
                    return Optional.of(Path.of(before[4].replace("\\040", " ")));
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    static ScopeCgroup create(Path mount, String name) throws IOException {
        Path dir = mount.resolve(name);
        Files.createDirectory(dir);
        Object ino = Files.getAttribute(dir, "unix:ino");
        return new ScopeCgroup(dir, ((Number) ino).longValue());
    }

    Path dir() {
        return dir;
    }

    long id() {
        return id;
    }

    /** The processes in it now. */
    List<Long> processes() throws IOException {
        return Files.readAllLines(dir.resolve("cgroup.procs")).stream().filter(s -> !s.isBlank())
                .map(s -> Long.parseLong(s.strip())).toList();
    }

    /**
     * Kills what is left in it (only the scenario's own processes can be there) and removes it.
     * A cgroup can be removed only once empty; the kernel empties it asynchronously after a kill.
     */
    @Override
    public void close() {
        for (int attempt = 0; attempt < REMOVE_ATTEMPTS; attempt++) {
            try {
                for (long pid : processes()) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
                Files.delete(dir);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
