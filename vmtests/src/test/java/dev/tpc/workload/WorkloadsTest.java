package dev.tpc.workload;

import static dev.tpc.workload.WorkloadTestSupport.calls;
import static dev.tpc.workload.WorkloadTestSupport.command;
import static dev.tpc.workload.WorkloadTestSupport.constant;
import static dev.tpc.workload.WorkloadTestSupport.i;
import static dev.tpc.workload.WorkloadTestSupport.op;
import static dev.tpc.workload.WorkloadTestSupport.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.workload.WorkloadResult.Aborted;
import dev.tpc.workload.WorkloadResult.CallResult;
import dev.tpc.workload.WorkloadResult.Exited;
import dev.tpc.workload.WorkloadResult.NotStarted;
import dev.tpc.workload.WorkloadResult.Signaled;
import dev.tpc.workload.WorkloadResult.TimedOut;
import dev.tpc.workload.WorkloadSpec.InBuffer;
import dev.tpc.workload.WorkloadSpec.OutBuffer;
import dev.tpc.workload.WorkloadSpec.OwnPid;
import dev.tpc.workload.WorkloadSpec.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The helper for real: real system calls, real users, real cgroups, real kills, nothing left behind. */
class WorkloadsTest {
    private static final Duration T = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @BeforeEach
    void helper() {
        WorkloadTestSupport.requireHelper();
    }

    @Test
    void callsAreMadeAndEachResultIsReported() throws Exception {
        Files.writeString(dir.resolve("data"), "hello, world");
        WorkloadResult r = Workloads.run(calls(dir, T,
                op("openat", i(constant("AT_FDCWD")), str(dir.resolve("data").toString()), i(constant("O_RDONLY")), i(0)),
                op("read", new Result(0), new OutBuffer(64), i(64)),
                op("lseek", new Result(0), i(0), i(9)),
                op("write", i(1), new InBuffer("to stdout\n".getBytes(StandardCharsets.UTF_8)), i(10)),
                op("close", new Result(0))));
        assertEquals(new Exited(0), r.fate());
        List<CallResult> c = r.calls();
        assertEquals(5, c.size());
        assertTrue(c.get(0).ret() >= 3 && c.get(0).errno() == 0, "openat gave an fd: " + c.get(0));
        assertEquals(new CallResult(1, 12, 0), c.get(1), "read returned the file's 12 bytes through the fd of openat");
        assertEquals(new CallResult(2, -1, (int) constant("EINVAL")), c.get(2), "lseek with whence 9");
        assertEquals(new CallResult(3, 10, 0), c.get(3));
        assertEquals(new CallResult(4, 0, 0), c.get(4));
        assertEquals("to stdout\n", r.stdout());
        assertTrue(r.pid() > 1);
    }

    @Test
    void aFailedCallReportsItsErrnoAndTheStepGoesOn() {
        WorkloadResult r = Workloads.run(calls(dir, T,
                op("openat", i(constant("AT_FDCWD")), str(dir.resolve("absent").toString()), i(0), i(0)),
                op("close", new Result(0)),
                op("getpid")));
        assertEquals(new Exited(0), r.fate());
        assertEquals(new CallResult(0, -1, (int) constant("ENOENT")), r.calls().get(0));
        assertEquals(new CallResult(1, -1, (int) constant("EBADF")), r.calls().get(1), "close(-1)");
        assertEquals(r.pid(), r.calls().get(2).ret(), "getpid is the reported pid");
    }

    @Test
    void theChildSwitchesUserAndGroupAndDropsSupplementaryGroups() {
        WorkloadTestSupport.requireRoot();
        WorkloadSpec base = calls(dir, T, op("getuid"), op("geteuid"), op("getgid"), op("getegid"), op("getgroups", i(0), i(0)),
                op("setuid", i(0)));
        WorkloadSpec spec = new WorkloadSpec(Optional.empty(), Optional.of(65534), Optional.of(65534), dir, Map.of(),
                base.action(), T, base.stdout(), base.stderr());
        WorkloadResult r = Workloads.run(spec);
        assertEquals(new Exited(0), r.fate());
        for (int k = 0; k < 4; k++) {
            assertEquals(65534, r.calls().get(k).ret(), "call " + k);
        }
        assertEquals(0, r.calls().get(4).ret(), "no supplementary group left");
        assertEquals(new CallResult(5, -1, (int) constant("EPERM")), r.calls().get(5), "no way back to root");
    }

    @Test
    void theChildIsBornInTheCgroup() throws Exception {
        WorkloadTestSupport.requireRoot();
        Path root = WorkloadTestSupport.requireCgroup2();
        Path cg = Files.createDirectory(root.resolve("tpc-workload-test-" + UUID.randomUUID()));
        try {
            String expected = "0::/" + root.relativize(cg);
            // a command reports its own cgroup
            WorkloadSpec cat = command(dir, T, "/bin/cat", "cat", "/proc/self/cgroup");
            WorkloadResult r = Workloads.run(new WorkloadSpec(Optional.of(cg), Optional.empty(), Optional.empty(), dir, cat.env(),
                    cat.action(), T, cat.stdout(), cat.stderr()));
            assertEquals(new Exited(0), r.fate(), r.stderr());
            assertTrue(r.stdout().lines().anyMatch(expected::equals), r.stdout());
            // a step of calls: its process is in the cgroup while it runs (pause until the timeout)
            WorkloadSpec pause = calls(dir, Duration.ofSeconds(30), new WorkloadSpec.SyscallOp(34, List.of()));
            try (WorkloadProcess w = Workloads.start(new WorkloadSpec(Optional.of(cg), Optional.empty(), Optional.empty(), dir,
                    Map.of(), pause.action(), pause.timeout(), pause.stdout(), pause.stderr()))) {
                String own = Files.readString(Path.of("/proc/" + w.pid() + "/cgroup"));
                assertTrue(own.lines().anyMatch(expected::equals), own);
                assertTrue(Files.readString(cg.resolve("cgroup.procs")).lines().anyMatch(l -> l.equals(String.valueOf(w.pid()))));
            }
            assertEquals("", Files.readString(cg.resolve("cgroup.procs")), "closed: nothing left in the cgroup");
        } finally {
            Files.delete(cg);
        }
    }

    @Test
    void aMissingCgroupIsNotStarted() {
        WorkloadSpec s = calls(dir, T, op("getpid"));
        WorkloadResult r = Workloads.run(new WorkloadSpec(Optional.of(dir.resolve("no-cgroup")), Optional.empty(),
                Optional.empty(), dir, Map.of(), s.action(), T, s.stdout(), s.stderr()));
        NotStarted n = assertInstanceOf(NotStarted.class, r.fate());
        assertTrue(n.why().contains("No such file or directory (ENOENT)"), n.why());
        assertEquals(0, r.pid());
    }

    @Test
    void killingItselfIsSignaledWithTheEarlierCallsReported() {
        WorkloadResult r = Workloads.run(calls(dir, T, op("getpid"), op("kill", new OwnPid(), i(constant("SIGKILL"))),
                op("getpid")));
        assertEquals(new Signaled(9, "SIGKILL"), r.fate());
        assertEquals(List.of(new CallResult(0, r.pid(), 0)), r.calls());
    }

    @Test
    void exitStatusesArePassedThrough() {
        assertEquals(new Exited(3), Workloads.run(calls(dir, T, op("exit_group", i(3)), op("getpid"))).fate());
        assertEquals(new Exited(7), Workloads.run(command(dir, T, "/bin/sh", "sh", "-c", "exit 7")).fate());
        assertEquals(new Signaled(15, "SIGTERM"), Workloads.run(command(dir, T, "/bin/sh", "sh", "-c", "kill -TERM $$")).fate());
    }

    @Test
    void aCommandWritesToItsFilesAndSeesOnlyItsEnvironment() throws Exception {
        WorkloadSpec s = command(dir, T, "/bin/sh", "sh", "-c", "echo out; echo err >&2; env; pwd; read x || echo eof");
        WorkloadResult r = Workloads.run(new WorkloadSpec(Optional.empty(), Optional.empty(), Optional.empty(), dir,
                Map.of("ONLY", "this", "PATH", "/usr/bin:/bin"), s.action(), T, s.stdout(), s.stderr()));
        assertEquals(new Exited(0), r.fate());
        List<String> lines = r.stdout().lines().toList();
        assertEquals("out", lines.get(0));
        assertTrue(lines.contains("ONLY=this"), r.stdout());
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("HOME=")), "nothing inherited: " + r.stdout());
        assertTrue(lines.contains(dir.toRealPath().toString()), "cwd: " + r.stdout());
        assertEquals("eof", lines.get(lines.size() - 1), "stdin is empty");
        assertEquals("err\n", r.stderr());
    }

    @Test
    void aCommandBecomesTheSamePid() throws Exception {
        Path sleep = dir.resolve("my-sleep");
        Files.copy(Path.of("/bin/sleep"), sleep);
        try (WorkloadProcess w = Workloads.start(command(dir, T, sleep.toString(), "my-sleep", "30"))) {
            Path exe = Path.of("/proc/" + w.pid() + "/exe");
            // the pid is reported before the exec: wait (bounded) for the same process to become the command
            for (int k = 0; k < 1000 && !sleep.equals(readLink(exe)); k++) {
                Thread.sleep(10);
            }
            assertEquals(sleep, readLink(exe));
            long pid = w.pid();
            w.close();
            assertInstanceOf(Aborted.class, w.await().fate());
            assertFalse(ProcessHandle.of(pid).isPresent(), "closed: the command is gone");
        }
    }

    @Test
    void aMissingBinaryIsNotStartedWithTheReason() {
        WorkloadResult r = Workloads.run(command(dir, T, dir.resolve("nope").toString(), "nope"));
        NotStarted n = assertInstanceOf(NotStarted.class, r.fate());
        assertTrue(n.why().contains("No such file or directory"), n.why());
        assertTrue(n.why().contains("ENOENT"), n.why());
        assertTrue(r.pid() > 1, "the child existed");
    }

    @Test
    void theTimeoutKillsTheWholeProcessGroup() throws Exception {
        WorkloadResult r = Workloads.run(command(dir, Duration.ofSeconds(2), "/bin/sh", "sh", "-c", "sleep 300 & echo $!; wait"));
        assertEquals(new TimedOut(), r.fate());
        long grandchild = Long.parseLong(r.stdout().strip());
        assertFalse(ProcessHandle.of(grandchild).isPresent(), "the grandchild was killed and reaped");
    }

    @Test
    void nothingOutlivesItsStepEvenOutsideTheProcessGroup() throws Exception {
        // a background grandchild in the group, and one that left it (setsid): both end with the step
        WorkloadResult r = Workloads.run(command(dir, T, "/bin/sh", "sh", "-c",
                "sleep 300 & echo $!; setsid sleep 301 & echo $!"));
        assertEquals(new Exited(0), r.fate());
        for (String pid : r.stdout().strip().split("\n")) {
            assertFalse(ProcessHandle.of(Long.parseLong(pid)).isPresent(), "process " + pid + " outlived its step");
        }
    }

    @Test
    void closingARunningStepKillsItAndReportsAborted() throws Exception {
        try (WorkloadProcess w = Workloads.start(calls(dir, Duration.ofSeconds(60), new WorkloadSpec.SyscallOp(34, List.of())))) {
            assertTrue(ProcessHandle.of(w.pid()).isPresent());
            w.close();
            assertInstanceOf(Aborted.class, w.await().fate());
            assertFalse(ProcessHandle.of(w.pid()).isPresent());
        }
    }

    @Test
    void aHelperThatStopsAnsweringIsKilledWithItsDescendants() throws Exception {
        WorkloadProcess w = Workloads.start(calls(dir, Duration.ofSeconds(60), new WorkloadSpec.SyscallOp(34, List.of())));
        long child = w.pid();
        ProcessHandle helper = ProcessHandle.of(child).flatMap(ProcessHandle::parent).orElseThrow();
        assertEquals(Workloads.helperBinary().toString(), helper.info().command().orElse(""));
        new ProcessBuilder("kill", "-STOP", String.valueOf(helper.pid())).start().waitFor();
        w.close(); // the helper cannot answer: the driver's backstop kills it and the child
        Aborted a = assertInstanceOf(Aborted.class, w.await().fate());
        assertTrue(a.why().contains("did not answer a close"), a.why());
        // killed from here, the child is reaped by init, not by us: wait for that (bounded)
        assertTrue(gone(child), "the child is gone");
        assertFalse(helper.isAlive(), "the helper is gone");
    }

    @Test
    void manyStepsLeaveNoProcessAndNoZombie() throws Exception {
        for (int k = 0; k < 40; k++) {
            WorkloadSpec s = switch (k % 4) {
                case 0 -> calls(dir, T, op("getpid"));
                case 1 -> calls(dir, T, op("kill", new OwnPid(), i(9)));
                case 2 -> command(dir, T, "/bin/sh", "sh", "-c", "sleep 100 & exit 0");
                default -> command(dir, T, dir.resolve("missing").toString(), "missing");
            };
            Workloads.run(s);
        }
        // the JVM reaps its helpers asynchronously: give its reaper a moment (bounded)
        List<Long> left = WorkloadTestSupport.childrenOfThisJvm();
        for (int k = 0; k < 100 && !left.isEmpty(); k++) {
            Thread.sleep(20);
            left = WorkloadTestSupport.childrenOfThisJvm();
        }
        assertEquals(List.of(), left, "children of this JVM (zombies included)");
        assertEquals(0, ProcessHandle.current().descendants().count());
    }

    private static boolean gone(long pid) throws InterruptedException {
        for (int k = 0; k < 500 && ProcessHandle.of(pid).isPresent(); k++) {
            Thread.sleep(10);
        }
        return ProcessHandle.of(pid).isEmpty();
    }

    private static Path readLink(Path link) {
        try {
            return Files.readSymbolicLink(link);
        } catch (Exception e) {
            return null;
        }
    }
}
