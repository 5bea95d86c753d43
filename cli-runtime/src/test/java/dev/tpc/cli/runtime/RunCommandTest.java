package dev.tpc.cli.runtime;

import dev.tpc.testing.RepoFiles;
import dev.tpc.testing.Skip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.cli.CliProcess;
import dev.tpc.cli.InProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tpc run} as a user runs it, in its own JVM: it prints its attach line, the kernel kills a
 * matching {@code cat} (the shell sees 137) and leaves another one alone, Ctrl-C / SIGTERM /
 * --duration end it with status 0, and compact output shows the process, the hook and the exit;
 * a bundle from tpc compile runs the same way.
 * The policy is kill-cat-reading-shadow.yaml scoped to a copy of cat in the test's directory, so
 * no other cat on the machine can be hit.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RunCommandTest {
    /** Runs stopped by a signal also get a duration, so that none can outlive a test that failed to stop it. */
    private static final String SAFETY_NET = "150s";

    private static void requireRoot() {
        boolean linux = System.getProperty("os.name", "").toLowerCase().contains("linux");
        if (!linux || !dev.tpc.runtime.sys.Privileges.mayLoadBpf() || !Files.isExecutable(Path.of("/bin/cat"))) {
            Skip.because(Skip.Kind.ROOT, "tpc run needs Linux, root (or CAP_BPF+CAP_PERFMON) and /bin/cat");
        }
    }

    /** The example policy with its matchBinaries pointed at this test's copy of cat. */
    private static Path policy(Path dir, Path cat, boolean monitor) throws IOException {
        Path example = RepoFiles.resolve("examples/policies/kill-cat-reading-shadow.yaml");
        String yaml = Files.readString(example).replace("\"/usr/bin/cat\"", "\"" + cat + "\"");
        assertTrue(yaml.contains(cat.toString()), "the example still names /usr/bin/cat");
        // the example's second selector reports (without killing) any process opening *shadow: keep it to our cat too
        String withReport = yaml;
        yaml = yaml.replace("""
                    - matchArgs:
                      - index: 6
                        operator: "Postfix"
                        values:
                        - "shadow"
                    """.stripIndent().indent(4), "");
        assertTrue(!yaml.equals(withReport), "the example's report-only selector is gone");
        if (monitor) {
            yaml = yaml.replace("spec:\n", "spec:\n  options:\n  - name: \"policy-mode\"\n    value: \"monitor\"\n");
        }
        return Files.writeString(dir.resolve(monitor ? "monitor.yaml" : "enforce.yaml"), yaml);
    }

    /** A started {@code tpc run}; closing it ends the process if a failed assertion left it running. */
    private record Started(Process process, List<String> errLines, Path out) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    private static Started start(Path dir, List<String> prefix, String... args) throws Exception {
        Path out = Files.createTempFile(dir, "events", ".txt");
        Process p = new ProcessBuilder(CliProcess.command(prefix, List.of(), args)).redirectOutput(out.toFile()).start();
        p.getOutputStream().close();
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = err.readLine()) != null) {
            lines.add(line);
            if (line.startsWith("tpc: attached ")) {
                break;
            }
        }
        if (line == null) {
            p.waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("tpc run ended before attaching: " + String.join("\n", lines));
        }
        // keep draining stderr so that tpc never blocks on it
        Thread drain = new Thread(() -> {
            try {
                String l;
                while ((l = err.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(l);
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        drain.setDaemon(true);
        drain.start();
        return new Started(p, lines, out);
    }

    /** What the shell says about {@code cat file}: its exit status, as {@code $?}. */
    private static int shellStatus(Path cat, Path file) throws Exception {
        Process sh = new ProcessBuilder("/bin/sh", "-c", "\"$0\" \"$1\" > /dev/null 2>&1; echo $?", cat.toString(), file.toString())
                .redirectErrorStream(true).start();
        String printed = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(sh.waitFor(30, TimeUnit.SECONDS));
        return Integer.parseInt(printed);
    }

    private static int stop(Started s, String signal) throws Exception {
        new ProcessBuilder("kill", "-" + signal, Long.toString(s.process().pid())).start().waitFor();
        assertTrue(s.process().waitFor(60, TimeUnit.SECONDS), "tpc run stops on SIG" + signal);
        return s.process().exitValue();
    }

    private static List<String> events(Started s) throws Exception {
        return Files.readAllLines(s.out(), StandardCharsets.UTF_8);
    }

    /**
     * A JVM started in the background of a non-interactive shell inherits SIGINT ignored (and so
     * would tpc); {@code env --default-signal=INT} resets it as an interactive terminal has it.
     */
    private static List<String> withSigintDefault() throws Exception {
        Process p = new ProcessBuilder("env", "--default-signal=INT", "true").start();
        if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
            return List.of("env", "--default-signal=INT");
        }
        Skip.because(Skip.Kind.ENVIRONMENT, "env --default-signal is not available (coreutils < 8.31): cannot send a real Ctrl-C");
        return List.of();
    }

    @Test
    void killsTheMatchingCatAndStopsCleanlyOnCtrlC(@TempDir Path dir) throws Exception {
        requireRoot();
        Path cat = Files.copy(Path.of("/bin/cat"), dir.resolve("cat"), StandardCopyOption.COPY_ATTRIBUTES);
        Path shadow = Files.writeString(dir.resolve("etc-shadow"), "secret\n");
        Path notes = Files.writeString(dir.resolve("notes.txt"), "hello\n");
        try (Started s = start(dir, withSigintDefault(), "run", policy(dir, cat, false).toString(), "--output", "compact",
                "--node-name", "cli-test", "--duration", SAFETY_NET)) {
            assertEquals("tpc: attached 1 hook of policy kill-cat-reading-shadow", s.errLines().get(s.errLines().size() - 1));

            assertEquals(137, shellStatus(cat, shadow), "the shell sees 128 + SIGKILL");
            assertEquals(0, shellStatus(cat, notes), "another file: cat is left alone");
            Thread.sleep(300); // let tpc print the last events before it is stopped; their presence is asserted below

            assertEquals(0, stop(s, "INT"), String.join("\n", s.errLines()));
            List<String> events = events(s);
            assertTrue(events.contains("🚀 process " + cat + " " + shadow), String.join("\n", events));
            assertTrue(events.contains("❓ syscall " + cat + " syscalls/sys_enter_openat"), String.join("\n", events));
            assertTrue(events.contains("💥 exit " + cat + " " + shadow + " SIGKILL"), String.join("\n", events));
            assertTrue(events.contains("💥 exit " + cat + " " + notes + " 0"), String.join("\n", events));
            assertTrue(s.errLines().stream().noneMatch(l -> l.contains("Exception")), String.join("\n", s.errLines()));
        }
    }

    @Test
    void monitorModeKillsNothingAndStopsAfterItsDuration(@TempDir Path dir) throws Exception {
        requireRoot();
        Path cat = Files.copy(Path.of("/bin/cat"), dir.resolve("cat"), StandardCopyOption.COPY_ATTRIBUTES);
        Path shadow = Files.writeString(dir.resolve("etc-shadow"), "secret\n");
        try (Started s = start(dir, List.of(), "run", policy(dir, cat, true).toString(), "--duration", "2s")) {
            assertEquals(0, shellStatus(cat, shadow), "monitor mode: reported, not killed");
            assertTrue(s.process().waitFor(60, TimeUnit.SECONDS), "--duration ends the run");
            assertEquals(0, s.process().exitValue(), String.join("\n", s.errLines()));
            String json = String.join("\n", events(s));
            assertTrue(json.lines().anyMatch(l -> l.startsWith("{\"process_tracepoint\":") && l.contains("\"binary\":\"" + cat + "\"")
                    && l.contains("\"action\":\"KPROBE_ACTION_SIGKILL\"") && l.contains("\"policy_name\":\"kill-cat-reading-shadow\"")), json);
            assertTrue(json.lines().noneMatch(l -> l.startsWith("{\"process_exit\":") && l.contains("\"binary\":\"" + cat + "\"")
                    && l.contains("SIGKILL")), json);
        }
    }

    @Test
    void aCompiledBundleRunsAndStopsOnSigterm(@TempDir Path dir) throws Exception {
        requireRoot();
        Path cat = Files.copy(Path.of("/bin/cat"), dir.resolve("cat"), StandardCopyOption.COPY_ATTRIBUTES);
        Path shadow = Files.writeString(dir.resolve("etc-shadow"), "secret\n");
        Path profile = dir.resolve("node.yaml");
        assertEquals(0, InProcess.run("probe", "--name", "cli-node", "-o", profile.toString()).exit());
        Path bundles = dir.resolve("bundles");
        InProcess.Run compiled = InProcess.run("compile", "--target", profile.toString(), "-o", bundles.toString(),
                "--tracepoint-format", "/sys/kernel/tracing/events/syscalls/sys_enter_openat/format",
                policy(dir, cat, false).toString());
        assertEquals(0, compiled.exit(), compiled.out() + compiled.err());
        try (Started s = start(dir, List.of(), "run", bundles.resolve("kill-cat-reading-shadow.tpb").toString(),
                "--duration", SAFETY_NET)) {
            assertEquals(137, shellStatus(cat, shadow), "the bundle's Sigkill");
            assertEquals(0, stop(s, "TERM"), String.join("\n", s.errLines()));
        }
    }

    /**
     * {@code tpc run | head -n 1}: once the reader is gone, tpc stops (detaching everything) instead
     * of enforcing, unseen, until Ctrl-C. The JVM ignores SIGPIPE, so tpc has to notice by itself.
     */
    @Test
    void stopsWhenStandardOutputIsClosed(@TempDir Path dir) throws Exception {
        requireRoot();
        if (!Files.isExecutable(Path.of("/bin/bash")) || !Files.isExecutable(Path.of("/usr/bin/head"))) {
            Skip.because(Skip.Kind.ENVIRONMENT, "needs /bin/bash and /usr/bin/head for the pipeline");
        }
        Path cat = Files.copy(Path.of("/bin/cat"), dir.resolve("cat"), StandardCopyOption.COPY_ATTRIBUTES);
        Path notes = Files.writeString(dir.resolve("notes.txt"), "hello\n");
        List<String> pipeline = List.of("/bin/bash", "-c", "\"$@\" | /usr/bin/head -n 1 > /dev/null; echo \"tpc exit ${PIPESTATUS[0]}\" >&2",
                "bash");
        try (Started s = start(dir, pipeline, "run", policy(dir, cat, false).toString(), "--output", "compact",
                "--duration", SAFETY_NET)) {
            // every exec is an event: the first fills head's one line, a later one finds the pipe closed
            for (int i = 0; i < 50 && s.process().isAlive(); i++) {
                assertEquals(0, shellStatus(cat, notes));
                Thread.sleep(200);
            }
            assertTrue(s.process().waitFor(60, TimeUnit.SECONDS), "tpc run ends once nobody reads its events");
            List<String> err = List.of();
            for (int i = 0; i < 100 && !err.contains("tpc exit 0"); i++) { // the drain thread reads the last lines
                Thread.sleep(100);
                synchronized (s.errLines()) {
                    err = List.copyOf(s.errLines());
                }
            }
            assertTrue(err.contains("tpc exit 0"), String.join("\n", err));
            assertTrue(err.contains("tpc: standard output was closed; stopping"), String.join("\n", err));
        }
    }

    @Test
    void clearErrorsWithoutAStackTrace(@TempDir Path dir) throws Exception {
        requireRoot();
        Path missing = dir.resolve("nope.yaml");
        CliProcess.Result r = CliProcess.run(dir, CliProcess.command(List.of(), List.of(), "run", missing.toString()));
        assertEquals(2, r.exit(), "a usage mistake, as for tpc check");
        assertEquals("tpc run: no such file or directory: " + missing, r.err().strip());

        Path override = Files.writeString(dir.resolve("override.yaml"), """
                apiVersion: cilium.io/v1alpha1
                kind: TracingPolicy
                metadata:
                  name: override-openat
                spec:
                  kprobes:
                  - call: "sys_openat"
                    syscall: true
                    selectors:
                    - matchActions:
                      - action: Override
                        argError: -1
                """);
        r = CliProcess.run(dir, CliProcess.command(List.of(), List.of(), "run", override.toString()));
        assertEquals(1, r.exit(), r.err());
        boolean noOverride = r.err().contains("TP4001");
        boolean noKprobes = r.err().contains("kprobe");
        assertTrue(noOverride || noKprobes, "says which kernel feature is missing: " + r.err());
        assertTrue(!r.err().contains("Exception") && !r.err().contains("\tat "), r.err());

        r = CliProcess.run(dir, CliProcess.command(List.of(), List.of(), "run", "--target", "4.19", override.toString()));
        assertEquals(2, r.exit(), "an unknown target is a usage mistake, as for tpc check: " + r.err());
        assertTrue(r.err().startsWith("tpc run: ") && r.err().contains("4.19"), r.err());
        assertTrue(!r.err().contains("Exception") && !r.err().contains("\tat "), r.err());

        // a sound bundle for the other architecture
        boolean arm64Host = System.getProperty("os.arch", "").equals("aarch64");
        String other = arm64Host ? "x86_64" : "arm64";
        Path foreign = dir.resolve("foreign");
        InProcess.Run compiled = InProcess.run("compile", "--arch", other, "--target", "6.12", "-o",
                foreign.toString(), policy(dir, Path.of("/bin/cat"), false).toString());
        assertEquals(0, compiled.exit(), compiled.out() + compiled.err());
        Path foreignBundle = foreign.resolve("kill-cat-reading-shadow.tpb");
        r = CliProcess.run(dir, CliProcess.command(List.of(), List.of(), "run", foreignBundle.toString()));
        assertEquals(1, r.exit(), r.err());
        assertEquals("tpc run: " + foreignBundle + ": cannot run here: TP9108 the bundle was compiled for " + other + ", not "
                + (arm64Host ? "arm64" : "x86_64"), r.err().strip());

        Path notABundle = Files.write(dir.resolve("broken.tpb"), new byte[] {'P', 'K', 3, 4, 0, 0});
        r = CliProcess.run(dir, CliProcess.command(List.of(), List.of(), "run", notABundle.toString()));
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().startsWith("tpc run: " + notABundle + ": not a valid bundle: TP9"), r.err());

        if (Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            // root without any capability: what an unprivileged user gets
            r = CliProcess.run(dir, CliProcess.command(List.of("/usr/bin/setpriv", "--bounding-set=-all", "--inh-caps=-all"),
                    List.of(), "run", override.toString()));
            assertEquals(1, r.exit(), r.err());
            assertTrue(r.err().startsWith("tpc run: not privileged: "), r.err());
        }
    }
}
