package dev.tpc.workload;

import static dev.tpc.workload.WorkloadTestSupport.calls;
import static dev.tpc.workload.WorkloadTestSupport.command;
import static dev.tpc.workload.WorkloadTestSupport.i;
import static dev.tpc.workload.WorkloadTestSupport.op;
import static dev.tpc.workload.WorkloadTestSupport.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.workload.WorkloadResult.Exited;
import dev.tpc.workload.WorkloadSpec.InBuffer;
import dev.tpc.workload.WorkloadSpec.OutBuffer;
import dev.tpc.workload.WorkloadSpec.OwnPid;
import dev.tpc.workload.WorkloadSpec.Result;
import dev.tpc.workload.WorkloadSpec.StringVector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The program encoding and the report, both ways: what Java writes, what the C side accepts and
 * rejects (with a message, never a crash), what the report parser makes of the helper's lines.
 */
class WorkloadProtocolTest {
    private static final Duration T = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    /** What the helper answered: exit status, stdout, stderr. */
    record Run(int status, String out, String err) {
    }

    @Test
    void theEncodingIsStableAndReadable() {
        WorkloadSpec s = new WorkloadSpec(Optional.of(Path.of("/cg")), Optional.of(65534), Optional.of(100), Path.of("/w"),
                Map.of("B", "2", "A", "1"),
                new WorkloadSpec.Syscalls(List.of(
                        op("openat", i(-100), str("/a b"), i(0), i(0)),
                        op("read", new Result(0), new OutBuffer(16), i(16)),
                        op("write", i(1), new InBuffer(new byte[] {0, (byte) 0xff}), i(2)),
                        op("execve", str("/x"), new StringVector(List.of("x".getBytes(StandardCharsets.UTF_8))),
                                new StringVector(List.of())),
                        op("kill", new OwnPid(), i(9)))),
                Duration.ofMillis(1500), Path.of("/o"), Path.of("/e"));
        String body = """
                timeout-ms 1500
                cgroup x2f6367
                uid 65534
                gid 100
                cwd x2f77
                stdout x2f6f
                stderr x2f65
                env x413d31
                env x423d32
                calls 5
                call 257 4 int -100 str x2f612062 int 0 int 0
                call 0 3 ref 0 out 16 int 16
                call 1 3 int 1 in x00ff int 2
                call 59 3 str x2f78 vec 1 x78 vec 0
                call 62 2 pid int 9
                end
                """;
        String expected = "tpc-workload 1 " + body.getBytes(StandardCharsets.US_ASCII).length + "\n" + body;
        assertEquals(expected, new String(ProgramEncoder.encode(s), StandardCharsets.US_ASCII));
    }

    @Test
    void theEncoderRefusesWhatTheHelperWouldRefuse() {
        assertThrows(IllegalArgumentException.class, () -> ProgramEncoder.encode(command(dir, T, "/bin/a\0b", "a")));
        assertThrows(IllegalArgumentException.class, () -> ProgramEncoder.encode(calls(dir, T, op("getpid"),
                new WorkloadSpec.SyscallOp(39, List.of(new Result(1))))));
        assertThrows(IllegalArgumentException.class, () -> ProgramEncoder.encode(calls(dir, Duration.ZERO, op("getpid"))));
        assertThrows(IllegalArgumentException.class, () -> ProgramEncoder.encode(calls(dir, T,
                op("read", i(0), new OutBuffer(Integer.MAX_VALUE), i(1)))));
        assertEquals(2, ProgramEncoder.timeoutMillis(Duration.ofNanos(1_000_001)));
    }

    @Test
    void badProgramsAreRejectedWithAMessage() throws Exception {
        Path helper = WorkloadTestSupport.requireHelper();
        String ok = new String(ProgramEncoder.encode(calls(dir, T, op("getpid"))), StandardCharsets.US_ASCII);
        String body = ok.substring(ok.indexOf('\n') + 1);
        assertRejected(helper, "", "no program on standard input");
        assertRejected(helper, "hello\n", "the first line is not");
        assertRejected(helper, "tpc-workload 2 10\n0123456789", "program version 2, this helper reads version 1");
        assertRejected(helper, "tpc-workload 1 999999999\n", "larger than 16 MiB");
        assertRejected(helper, "tpc-workload 1 50\nend\n", "end of input inside the program");
        assertRejected(helper, program(body.replace("calls 1", "calls 2")), "expected \"call\"");
        assertRejected(helper, program(body.replace("timeout-ms 5000", "timeout-ms 0")), "timeout-ms 0 is out of range");
        assertRejected(helper, program(body.replace("timeout-ms 5000", "bogus 1")), "unknown field \"bogus\"");
        assertRejected(helper, program(body.replace("call 39 0", "call 39 1 ref 0")), "the first call cannot refer");
        assertRejected(helper, program(body.replace("call 39 0", "call 39 1 out 99999999999")), "out of range");
        assertRejected(helper, program(body.replace("call 39 0", "call 39 7")), "out of range [0, 6]");
        assertRejected(helper, program(body.replace("call 39 0", "call 39 1 str x123")), "odd number of hex digits");
        assertRejected(helper, program(body.replace("call 39 0", "call 39 1 str xzz")), "not a hex digit");
        assertRejected(helper, program(body.replace("call 39 0", "call 39 1 vec 1 x0000")), "NUL byte inside");
        assertRejected(helper, program(body + "extra\n"), "text after \"end\"");
        assertRejected(helper, program(body.replace("calls 1\ncall 39 0\n", "")), "no action");
        Run valid = run(helper, ok.getBytes(StandardCharsets.US_ASCII), "--check");
        assertEquals(new Run(0, "tpc-workload 1\nvalid\n", ""), valid);
        Run usage = run(helper, new byte[0], "--bogus");
        assertEquals(2, usage.status());
        assertTrue(usage.err().startsWith("usage: tpc-workload"), usage.err());
    }

    @Test
    void garbageNeverCrashesTheParser() throws Exception {
        Path helper = WorkloadTestSupport.requireHelper();
        byte[] valid = ProgramEncoder.encode(calls(dir, T,
                op("openat", i(-100), str("/etc/hostname"), i(0), i(0)),
                op("read", new Result(0), new OutBuffer(16), i(16)),
                op("execve", str("/x"), new StringVector(List.of("a".getBytes(StandardCharsets.UTF_8))), new StringVector(List.of())),
                op("kill", new OwnPid(), i(0))));
        Random random = new Random(8);
        List<String> failures = new ArrayList<>();
        for (int k = 0; k < 160; k++) {
            byte[] input;
            if (k % 4 == 0) {
                input = new byte[random.nextInt(300)];
                random.nextBytes(input);
                if (k % 8 == 0) {
                    byte[] header = ("tpc-workload 1 " + input.length + "\n").getBytes(StandardCharsets.US_ASCII);
                    input = concat(header, input);
                }
            } else {
                input = valid.clone();
                int flips = 1 + random.nextInt(4);
                for (int f = 0; f < flips; f++) {
                    int at = random.nextInt(input.length);
                    input[at] = switch (random.nextInt(4)) {
                        case 0 -> (byte) random.nextInt(256);
                        case 1 -> (byte) ' ';
                        case 2 -> (byte) ('0' + random.nextInt(10));
                        default -> (byte) '\n';
                    };
                }
                if (random.nextInt(5) == 0) {
                    input = java.util.Arrays.copyOf(input, random.nextInt(input.length));
                }
            }
            Run r = run(helper, input, "--check");
            boolean answered = r.out().startsWith("tpc-workload 1\n") && (r.out().endsWith("\nvalid\n") && r.status() == 0
                    || r.out().contains("\nnotstarted program 0 ") && r.out().endsWith("\nend\n") && r.status() == 2);
            if (!answered) {
                failures.add("input " + k + ": status " + r.status() + ", out " + r.out() + ", err " + r.err());
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void withoutClone3TheChildJoinsTheCgroupItself() throws Exception {
        Path helper = WorkloadTestSupport.requireHelper();
        WorkloadTestSupport.requireRoot();
        Path root = WorkloadTestSupport.requireCgroup2();
        Path cg = Files.createDirectory(root.resolve("tpc-workload-test-" + UUID.randomUUID()));
        try {
            WorkloadSpec cat = command(dir, T, "/bin/cat", "cat", "/proc/self/cgroup");
            byte[] p = ProgramEncoder.encode(new WorkloadSpec(Optional.of(cg), Optional.empty(), Optional.empty(), dir,
                    cat.env(), cat.action(), T, cat.stdout(), cat.stderr()));
            String text = new String(p, StandardCharsets.US_ASCII);
            // stdin stays open while it runs: closed, it would end the step
            Run r = runOpen(helper, program("no-clone3\n" + text.substring(text.indexOf('\n') + 1)).getBytes(StandardCharsets.US_ASCII));
            assertEquals(0, r.status(), r.err());
            assertTrue(r.out().endsWith("exited 0\nend\n"), r.out());
            assertTrue(Files.readString(cat.stdout()).lines().anyMatch(("0::/" + root.relativize(cg))::equals));
        } finally {
            Files.delete(cg);
        }
    }

    @Test
    void theReportIsReadStrictly() throws Exception {
        Report r = new Report();
        for (String l : List.of("tpc-workload 1", "pid 42", "call 0 3 0", "call 1 -1 2", "exited 0", "end")) {
            r.accept(l);
        }
        assertEquals(42, r.pid());
        assertEquals(Optional.of(new Exited(0)), r.fate());
        assertEquals(2, r.calls().size());
        assertProtocolError(List.of("something else"), "another protocol");
        assertProtocolError(List.of("tpc-workload 1", "call 1 0 0"), "call 1 reported where call 0 was due");
        assertProtocolError(List.of("tpc-workload 1", "pid x"), "malformed");
        assertProtocolError(List.of("tpc-workload 1", "end"), "before the step's fate");
        assertProtocolError(List.of("tpc-workload 1", "exited 0", "timeout"), "a second fate");
        assertProtocolError(List.of("tpc-workload 1", "hello"), "unknown line");
        Report n = new Report();
        for (String l : List.of("tpc-workload 1", "notstarted exec 2 cannot execute /x: No such file or directory", "end")) {
            n.accept(l);
        }
        assertEquals(Optional.of(new WorkloadResult.NotStarted("cannot execute /x: No such file or directory (ENOENT)")), n.fate());
    }

    @Test
    void aStepRunsTheSameWayTwice() {
        WorkloadTestSupport.requireHelper();
        WorkloadResult a = Workloads.run(calls(dir, T, op("getuid"), op("uname", new OutBuffer(390))));
        WorkloadResult b = Workloads.run(calls(dir, T, op("getuid"), op("uname", new OutBuffer(390))));
        assertEquals(new Exited(0), a.fate());
        assertEquals(a.calls(), b.calls());
    }

    private static void assertProtocolError(List<String> lines, String message) {
        Report r = new Report();
        Report.ProtocolException e = assertThrows(Report.ProtocolException.class, () -> {
            for (String l : lines) {
                r.accept(l);
            }
        });
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    private void assertRejected(Path helper, String input, String message) throws Exception {
        Run r = run(helper, input.getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(2, r.status(), input + " -> " + r);
        assertTrue(r.out().startsWith("tpc-workload 1\nnotstarted program 0 "), r.out());
        assertTrue(r.out().endsWith("\nend\n"), r.out());
        assertTrue(r.err().contains(message), "expected \"" + message + "\" in: " + r.err());
        assertTrue(r.err().startsWith("tpc-workload: program: "), r.err());
    }

    private static String program(String body) {
        return "tpc-workload 1 " + body.getBytes(StandardCharsets.ISO_8859_1).length + "\n" + body;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(a);
        o.writeBytes(b);
        return o.toByteArray();
    }

    private static Run run(Path helper, byte[] input, String... args) throws IOException, InterruptedException {
        return run(helper, input, false, args);
    }

    private static Run runOpen(Path helper, byte[] input) throws IOException, InterruptedException {
        return run(helper, input, true);
    }

    private static Run run(Path helper, byte[] input, boolean keepOpen, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(helper.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        try {
            p.getOutputStream().write(input);
            p.getOutputStream().flush();
        } catch (IOException e) {
            // the helper stopped reading: it says why
        }
        if (!keepOpen) {
            p.getOutputStream().close();
        }
        byte[] out = p.getInputStream().readAllBytes();
        p.getOutputStream().close();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the helper did not finish");
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }
}
