package dev.tpc.runtime.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a process from {@code /proc/<pid>} the way Tetragon seeds its cache: executable, command
 * line, working directory, parent, uid, login uid, and start time (in boot-clock nanoseconds, with
 * the clock-tick precision /proc offers).
 */
public final class ProcFs {
    /** USER_HZ: /proc reports start times in these ticks on every Linux architecture tpc supports. */
    static final long TICKS_PER_SECOND = 100;

    private final Path proc;

    public ProcFs(Path proc) {
        this.proc = proc;
    }

    public static ProcFs host() {
        return new ProcFs(Path.of("/proc"));
    }

    /** Every numeric entry of /proc, i.e. every process id visible here. */
    public List<Integer> pids() {
        List<Integer> out = new ArrayList<>();
        try (var dirs = Files.list(proc)) {
            dirs.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .forEach(n -> out.add(Integer.parseInt(n)));
        } catch (IOException e) {
            // no /proc: nothing to seed
        }
        return out;
    }

    /** The process as /proc shows it now; empty when it is gone or unreadable. */
    public Optional<ProcessInfo> read(int pid) {
        Path dir = proc.resolve(Integer.toString(pid));
        try {
            String stat = Files.readString(dir.resolve("stat"));
            // comm may contain spaces and parentheses: fields start after the last ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            int ppid = Integer.parseInt(f[1]);
            long startTicks = Long.parseLong(f[19]);
            long ktime = startTicks * (1_000_000_000L / TICKS_PER_SECOND);
            long uid = 0;
            for (String line : Files.readAllLines(dir.resolve("status"))) {
                if (line.startsWith("Uid:")) {
                    uid = Long.parseLong(line.split("\\s+")[1]);
                }
            }
            long auid = readLong(dir.resolve("loginuid")).orElse(ProcessInfo.NO_AUID);
            String binary = link(dir.resolve("exe")).orElse("");
            String cwd = link(dir.resolve("cwd")).orElse("");
            List<String> argv = cmdline(dir.resolve("cmdline"));
            Set<String> flags = new LinkedHashSet<>();
            flags.add("procFS");
            if (cwd.equals("/")) {
                flags.add("rootcwd");
            }
            long pktime = ppid > 0 ? startKtime(ppid).orElse(0L) : 0L;
            return Optional.of(new ProcessInfo(pid, ktime, ppid, pktime, uid, auid, cwd, binary,
                    Arguments.join(argv.size() > 1 ? argv.subList(1, argv.size()) : List.of()), flags));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Start time of {@code pid} only (for parents), without reading the rest. */
    private Optional<Long> startKtime(int pid) {
        try {
            String stat = Files.readString(proc.resolve(Integer.toString(pid)).resolve("stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(Long.parseLong(f[19]) * (1_000_000_000L / TICKS_PER_SECOND));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> link(Path p) {
        try {
            return Optional.of(Files.readSymbolicLink(p).toString());
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> readLong(Path p) {
        try {
            return Optional.of(Long.parseLong(Files.readString(p).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static List<String> cmdline(Path p) throws IOException {
        byte[] raw = Files.readAllBytes(p);
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0) {
                out.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < raw.length) {
            out.add(new String(raw, start, raw.length - start, StandardCharsets.UTF_8));
        }
        return out;
    }
}
