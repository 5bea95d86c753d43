package dev.tpc.runtime.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seeding from a /proc tree, and the hand-over from /proc's clock ticks to BPF's nanoseconds. */
class ProcessCacheTest {
    private static final java.util.List<Path> LINKS = new java.util.ArrayList<>();

    /** Removes the fake /proc links first, so that JUnit's cleanup does not warn about their targets. */
    @org.junit.jupiter.api.AfterEach
    void removeLinks() throws IOException {
        for (Path l : LINKS) {
            Files.deleteIfExists(l);
        }
        LINKS.clear();
    }

    private static void fakeProcess(Path proc, int pid, int ppid, long startTicks, String exe, String cwd,
            String cmdline) throws IOException {
        Path d = Files.createDirectories(proc.resolve(Integer.toString(pid)));
        // comm with a space and a parenthesis, as the kernel allows
        Files.writeString(d.resolve("stat"), pid + " (my (odd) comm) S " + ppid
                + " 1 1 0 -1 4194560 100 0 0 0 0 0 0 0 20 0 1 0 " + startTicks + " 1000 100 18446744073709551615\n");
        Files.writeString(d.resolve("status"), "Name:\tx\nUid:\t1000\t1000\t1000\t1000\n");
        Files.writeString(d.resolve("loginuid"), "1000");
        Files.write(d.resolve("cmdline"), cmdline.getBytes(StandardCharsets.UTF_8));
        LINKS.add(Files.createSymbolicLink(d.resolve("exe"), Path.of(exe)));
        LINKS.add(Files.createSymbolicLink(d.resolve("cwd"), Path.of(cwd)));
    }

    @Test
    void seedsEveryProcessWithTetragonsFields(@TempDir Path proc) throws Exception {
        fakeProcess(proc, 1, 0, 5, "/sbin/init", "/", "/sbin/init\0splash\0");
        fakeProcess(proc, 42, 1, 1234, "/usr/bin/python3", "/srv", "python3\0-c\0print(1 + 1)\0");
        Files.createDirectories(proc.resolve("self"));
        ProcessCache cache = new ProcessCache(new ProcFs(proc));
        assertEquals(2, cache.seed());

        ProcessInfo p = cache.get(42, 0).orElseThrow();
        assertEquals("/usr/bin/python3", p.binary());
        assertEquals("-c \"print(1 + 1)\"", p.arguments());
        assertEquals("/srv", p.cwd());
        assertEquals(1000, p.uid());
        assertEquals(1000, p.auid());
        assertEquals(1, p.ppid());
        assertEquals(1234 * 10_000_000L, p.ktime());
        assertEquals(5 * 10_000_000L, p.pktime());
        assertEquals("procFS", p.flagWords());
        assertEquals("procFS rootcwd", cache.get(1, 0).orElseThrow().flagWords());
    }

    @Test
    void procfsStartTimeMatchesTheExactBpfTimeWithinATick(@TempDir Path proc) throws Exception {
        fakeProcess(proc, 42, 1, 1234, "/bin/sh", "/", "sh\0");
        ProcessCache cache = new ProcessCache(new ProcFs(proc));
        cache.seed();
        long exact = 1234 * 10_000_000L + 3_456_789;
        ProcessInfo p = cache.get(42, exact).orElseThrow();
        assertEquals(exact, p.ktime(), "the cache adopts BPF's nanoseconds");
        assertEquals(exact, cache.get(42, exact).orElseThrow().ktime());
        assertTrue(cache.get(42, exact + 50_000_000L).isEmpty(), "another execution of pid 42");
    }

    @Test
    void exitedExecutionsStayFindable(@TempDir Path proc) {
        ProcessCache cache = new ProcessCache(new ProcFs(proc));
        ProcessInfo p = new ProcessInfo(7, 100, 1, 5, 0, ProcessInfo.NO_AUID, "/", "/bin/true", "", java.util.Set.of("execve"));
        cache.put(p);
        cache.remove(7, 100);
        assertTrue(cache.get(7, 0).isEmpty(), "no longer live");
        assertEquals(p, cache.get(7, 100).orElseThrow());
    }

    /** Executions that ended are found by exactly their (pid, ktime), even when the two numbers of two of them are close. */
    @Test
    void exitedExecutionsAreKeptApartByPidAndKtime(@TempDir Path proc) {
        ProcessCache cache = new ProcessCache(new ProcFs(proc));
        ProcessInfo first = new ProcessInfo(100, 5_000_001, 1, 0, 0, ProcessInfo.NO_AUID, "/", "/bin/first", "",
                java.util.Set.of("execve"));
        // 31 ns earlier and 31 pids up: the same number under ktime * 31 + pid
        ProcessInfo second = new ProcessInfo(131, 5_000_000, 1, 0, 0, ProcessInfo.NO_AUID, "/", "/bin/second", "",
                java.util.Set.of("execve"));
        cache.put(first);
        cache.put(second);
        cache.remove(100, 5_000_001);
        cache.remove(131, 5_000_000);
        assertEquals("/bin/first", cache.get(100, 5_000_001).orElseThrow().binary());
        assertEquals("/bin/second", cache.get(131, 5_000_000).orElseThrow().binary());
    }
}
