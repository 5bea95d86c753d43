package dev.tpc.cli;

import static dev.tpc.cli.InProcess.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.cli.InProcess.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command's contract: exit codes, output destinations and formats. */
class CheckCommandTest {
    private static final String GOOD = """
            apiVersion: cilium.io/v1alpha1
            kind: TracingPolicy
            metadata:
              name: write-monitor
            spec:
              kprobes:
              - call: "sys_write"
                syscall: true
            """;

    @Test
    void cleanPolicyExitsZero(@TempDir Path dir) throws IOException {
        Path p = Files.writeString(dir.resolve("good.yaml"), GOOD);
        Run r = run("check", p.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("accepted on 5.10, 6.1, 6.12, 7.2"), r.out());
        assertTrue(r.out().contains("Tetragon CRD schema 1.8.13"), r.out());
    }

    @Test
    void anErrorExitsOneAndShowsWhere(@TempDir Path dir) throws IOException {
        Path p = Files.writeString(dir.resolve("dup.yaml"), GOOD + "    syscall: false\n");
        Run r = run("check", "--color", "never", p.toString());
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("dup.yaml:9:5"), r.out());
        assertTrue(r.out().contains("^^^^^^^"), r.out());
    }

    @Test
    void binaryInputIsAnErrorFindingNotACrash(@TempDir Path dir) throws IOException {
        Path p = Files.write(dir.resolve("x.yaml"), new byte[] {0, 1, 2, 3, (byte) 0xff});
        Run r = run("check", p.toString());
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("TP0002"));
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void usageMistakesExitTwo(@TempDir Path dir) throws IOException {
        assertEquals(2, run("check", dir.resolve("missing.yaml").toString()).exit());
        Path p = Files.writeString(dir.resolve("good.yaml"), GOOD);
        assertEquals(2, run("check", "--target", "4.19", p.toString()).exit());
        assertEquals(2, run("check", "--arch", "riscv", p.toString()).exit());
        assertEquals(2, run("check", "--format", "yaml", p.toString()).exit());
        assertEquals(2, run("check").exit());
        assertEquals(2, run("frobnicate").exit());
    }

    @Test
    void werrorTurnsWarningsIntoFailureButNotes(@TempDir Path dir) throws IOException {
        Path p = Files.writeString(dir.resolve("mixed.yaml"), GOOD + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");
        assertEquals(0, run("check", "--werror", p.toString()).exit(), "a note alone does not fail --werror");
    }

    @Test
    void jsonHasOneObjectPerDocument(@TempDir Path dir) throws IOException {
        Path p = Files.writeString(dir.resolve("two.yaml"), GOOD + "---\n" + GOOD.replace("write-monitor", "second"));
        Run r = run("check", "--format", "json", p.toString());
        String[] lines = r.out().strip().split("\n");
        assertEquals(2, lines.length, r.out());
        assertTrue(lines[1].contains("\"document\":2") && lines[1].contains("\"name\":\"second\""), lines[1]);
        assertTrue(lines[0].contains("\"tetragonSchemaVersion\":\"1.8.13\""));
    }

    @Test
    void outputFileAndJunitXmlIsWellFormed(@TempDir Path dir) throws Exception {
        Path p = Files.writeString(dir.resolve("good.yaml"), GOOD);
        Path out = dir.resolve("report.xml");
        Run r = run("check", "--format", "junit", "--output", out.toString(), p.toString());
        assertEquals(0, r.exit());
        assertEquals("", r.out());
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.toFile());
        assertEquals("4", doc.getDocumentElement().getAttribute("tests"));
    }

    @Test
    void baselineAbsorbsKnownFindings(@TempDir Path dir) throws IOException {
        Path p = Files.writeString(dir.resolve("dup.yaml"), GOOD + "    syscall: false\n");
        Path baseline = dir.resolve("baseline.json");
        assertEquals(1, run("check", "--write-baseline", baseline.toString(), p.toString()).exit());
        Run again = run("check", "--baseline", baseline.toString(), p.toString());
        assertEquals(0, again.exit(), again.out());
        assertTrue(again.out().contains("1 known from the baseline"), again.out());
    }

    @Test
    void rulesListsEveryCode() {
        Run r = run("rules");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("TP0004  error"), r.out());
    }

    @Test
    void helpAndVersion() {
        Run help = run("--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("check"));
        Run version = run("--version");
        assertTrue(version.out().contains("1.8.13"), version.out());
    }

    @Test
    void aTargetProfileWarningIsShownAndFailsWerror(@TempDir Path dir) throws IOException {
        Path p = Files.writeString(dir.resolve("good.yaml"), GOOD);
        Path profile = Files.writeString(dir.resolve("node.yaml"), """
                format: 1
                name: node-a
                kernel: {version: "6.6.30"}
                arch: x86_64
                features: {kprobe_multi: true, warp_drive: true}
                limits: {string_match_max_length: 4096}
                """);
        Run r = run("check", "--color", "never", "--target", profile.toString(), p.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("warning[TP0103]"), r.out());
        assertTrue(r.out().contains("1 warning"), r.out());
        assertEquals(1, run("check", "--werror", "--target", profile.toString(), p.toString()).exit());
    }

    @Test
    void anUnwritableOutputIsAUsageMistakeNotACrash(@TempDir Path dir) throws IOException {
        Path p = Files.writeString(dir.resolve("good.yaml"), GOOD);
        Run out = run("check", "-o", dir.resolve("no/such/dir/report.txt").toString(), p.toString());
        assertEquals(2, out.exit(), out.err());
        assertTrue(out.err().startsWith("tpc check: cannot write " + dir.resolve("no/such/dir/report.txt")), out.err());
        assertFalse(out.err().contains("internal error"), out.err());
        Run baseline = run("check", "--write-baseline", dir.resolve("no/such/dir/b.json").toString(), p.toString());
        assertEquals(2, baseline.exit(), baseline.err());
        assertTrue(baseline.err().startsWith("tpc check: cannot write "), baseline.err());
    }

    @Test
    void anUnknownColorIsAUsageMistake(@TempDir Path dir) throws IOException {
        Path p = Files.writeString(dir.resolve("good.yaml"), GOOD);
        Run r = run("check", "--color", "sometimes", p.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--color"), r.err());
    }

    @Test
    void checkHelpExplainsExitStatusAndSuppression() {
        Run r = run("check", "--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("Exit status:"), r.out());
        assertTrue(r.out().contains("tpc:ignore="), r.out());
        assertTrue(r.out().contains("NO_COLOR"), r.out());
    }

    @Test
    void aWarningFailsOnlyWithWerror(@TempDir Path dir) throws IOException {
        // TP5020: a kernel function with the default syscall: true
        Path p = Files.writeString(dir.resolve("warn.yaml"), GOOD.replace("sys_write", "fd_install").replace("    syscall: true\n", ""));
        Run plain = run("check", p.toString());
        assertEquals(0, plain.exit(), plain.out());
        assertTrue(plain.out().contains("warning[TP5020]"), plain.out());
        assertEquals(1, run("check", "--werror", p.toString()).exit());
    }

    @Test
    void tracepointFormatsAreWhatTheCheckJudgesTracepointsWith(@TempDir Path dir) throws IOException {
        // no shipped table has sock/inet_sock_set_state; the given format has 7 fields
        Path p = Files.writeString(dir.resolve("sock.yaml"), """
                apiVersion: cilium.io/v1alpha1
                kind: TracingPolicy
                metadata:
                  name: sock-state
                spec:
                  tracepoints:
                  - subsystem: "sock"
                    event: "inet_sock_set_state"
                    args:
                    - index: 9
                      type: "int"
                """);
        Path format = Files.createDirectories(dir.resolve("events/sock/inet_sock_set_state")).resolve("format");
        Files.writeString(format, """
                name: inet_sock_set_state
                ID: 1470
                format:
                \tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;
                \tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;
                \tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;
                \tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;

                \tfield:const void * skaddr;\toffset:8;\tsize:8;\tsigned:0;
                \tfield:int oldstate;\toffset:16;\tsize:4;\tsigned:1;
                \tfield:int newstate;\toffset:20;\tsize:4;\tsigned:1;

                print fmt: "skaddr=%p"
                """);
        assertEquals(0, run("check", "--target", "6.12", p.toString()).exit());
        Run r = run("check", "--target", "6.12", "--tracepoint-format", format.toString(), p.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("error[TP4024]"), r.out());
        Run missing = run("check", "--tracepoint-format", dir.resolve("none").toString(), p.toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("--tracepoint-format"), missing.err());
    }
}
