package dev.tpc.runtime.events;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The user-space process cache: the execution of every live process by pid, seeded from /proc at
 * start and kept current by the exec tracker's exec, clone and exit records. Exited executions are
 * remembered for a while (bounded) so that late events and children still find their parent.
 *
 * <p>/proc gives start times in clock ticks while BPF gives nanoseconds, so an execution seeded
 * from /proc matches a BPF ktime within one tick and then takes the exact value.
 */
public final class ProcessCache {
    private static final long PROCFS_TOLERANCE_NS = 1_000_000_000L / ProcFs.TICKS_PER_SECOND;
    private static final int EXITED_KEPT = 4096;

    private final Map<Integer, ProcessInfo> live = new HashMap<>();
    private final LinkedHashMap<Execution, ProcessInfo> exited = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Execution, ProcessInfo> eldest) {
            return size() > EXITED_KEPT;
        }
    };
    private final ProcFs procFs;

    public ProcessCache(ProcFs procFs) {
        this.procFs = procFs;
    }

    /** Reads every process /proc shows now. */
    public int seed() {
        int n = 0;
        for (int pid : procFs.pids()) {
            Optional<ProcessInfo> p = procFs.read(pid);
            if (p.isPresent()) {
                live.put(pid, p.get());
                n++;
            }
        }
        return n;
    }

    public int size() {
        return live.size();
    }

    public void put(ProcessInfo p) {
        ProcessInfo old = live.put(p.pid(), p);
        if (old != null && old.ktime() != p.ktime()) {
            exited.put(key(old.pid(), old.ktime()), old);
        }
    }

    /** The execution {@code (pid, ktime)}; ktime 0 means "whatever runs as pid now". */
    public Optional<ProcessInfo> get(int pid, long ktime) {
        ProcessInfo p = live.get(pid);
        if (p != null && matches(p, ktime)) {
            if (ktime != 0 && p.ktime() != ktime) {
                p = p.withKtime(ktime);
                live.put(pid, p);
            }
            return Optional.of(p);
        }
        return Optional.ofNullable(exited.get(key(pid, ktime)));
    }

    /**
     * Like {@link #get}, but a process the cache has never seen is read from /proc now (flags
     * {@code procFS}), as happens for processes that started between seeding and the exec tracker.
     */
    public Optional<ProcessInfo> getOrRead(int pid, long ktime) {
        Optional<ProcessInfo> p = get(pid, ktime);
        if (p.isPresent() || pid <= 0) {
            return p;
        }
        Optional<ProcessInfo> read = procFs.read(pid).filter(r -> ktime == 0 || matches(r, ktime))
                .map(r -> ktime == 0 ? r : r.withKtime(ktime));
        read.ifPresent(this::put);
        return read;
    }

    /** The process left: remembered as exited, no longer live. */
    public void remove(int pid, long ktime) {
        ProcessInfo p = live.get(pid);
        if (p != null && matches(p, ktime)) {
            live.remove(pid);
            exited.put(key(pid, p.ktime()), p);
        }
    }

    private static boolean matches(ProcessInfo p, long ktime) {
        if (ktime == 0 || p.ktime() == ktime) {
            return true;
        }
        return p.flags().contains("procFS") && Math.abs(p.ktime() - ktime) < PROCFS_TOLERANCE_NS;
    }

    /** One execution: a pid and the time of its exec (or start). */
    private record Execution(int pid, long ktime) {
    }

    private static Execution key(int pid, long ktime) {
        return new Execution(pid, ktime);
    }

    /** Flags of a process that has just exec'd. */
    static Set<String> execFlags(String cwd, boolean binTruncated, boolean argsTruncated) {
        Set<String> f = new java.util.LinkedHashSet<>();
        f.add("execve");
        if (binTruncated) {
            f.add("truncFilename");
        }
        if (argsTruncated) {
            f.add("truncArgs");
        }
        if (cwd.equals("/")) {
            f.add("rootcwd");
        }
        return f;
    }
}
