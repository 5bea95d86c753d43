package dev.tpc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.abi.TemplateAbi;
import dev.tpc.runtime.session.TemplateSource;
import dev.tpc.runtime.session.Templates;
import dev.tpc.runtime.testing.BpfTestSupport;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** tpc's own exec tracker through the front door: a child's exec and exit come out as Tetragon JSON and compact lines. */
class TpcRuntimeTest {

    private static TemplateAbi.Variant variant() throws Exception {
        String release = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        return Templates.variantFor(release).orElseGet(() -> BpfTestSupport.skip("no template variant for kernel " + release));
    }

    private static String runChild(TpcRuntime.Format format, String marker) throws Exception {
        BpfTestSupport.requireBpf();
        try {
            Templates.bundled().object(Templates.execTracker(variant().id()).template());
        } catch (java.io.IOException e) {
            return BpfTestSupport.skip("exec tracker template not built: " + e.getMessage());
        }
        StringWriter out = new StringWriter();
        var plan = Templates.withExecTracker("", variant().id(), List.of());
        try (TpcRuntime.Run run = TpcRuntime.run(plan, new TpcRuntime.RunOptions("test-node", format, out, Templates.bundled()))) {
            Process child = new ProcessBuilder("/bin/sh", "-c", "exit 3", marker).start();
            child.waitFor();
            for (int i = 0; i < 50 && !(out.toString().contains(marker) && out.toString().contains("exit")); i++) {
                run.poll(Duration.ofMillis(100));
            }
            assertEquals(0, run.stats().malformed(), "every record decodes");
            assertEquals(0L, run.lostEvents());
        }
        return out.toString();
    }

    @Test
    void childExecAndExitAsJson() throws Exception {
        String marker = "tpc-json-" + ProcessHandle.current().pid();
        String out = runChild(TpcRuntime.Format.JSON, marker);
        List<String> mine = out.lines().filter(l -> l.contains(marker)).toList();
        String exec = mine.stream().filter(l -> l.startsWith("{\"process_exec\":")).findFirst()
                .orElseThrow(() -> new AssertionError("no process_exec for the child in:\n" + out));
        assertTrue(exec.contains("\"arguments\":\"-c \\\"exit 3\\\" " + marker + "\""), exec);
        assertTrue(exec.contains("\"flags\":\"execve"), exec);
        assertTrue(exec.contains("\"node_name\":\"test-node\""), exec);
        String exit = mine.stream().filter(l -> l.startsWith("{\"process_exit\":")).findFirst()
                .orElseThrow(() -> new AssertionError("no process_exit for the child in:\n" + out));
        assertTrue(exit.contains("\"status\":3"), exit);
        String execId = exec.replaceFirst(".*?\"exec_id\":\"([^\"]+)\".*", "$1");
        assertTrue(exit.contains("\"exec_id\":\"" + execId + "\""), "exit names the same execution: " + exit);
    }

    @Test
    void childExecAndExitCompact() throws Exception {
        String marker = "tpc-compact-" + ProcessHandle.current().pid();
        String out = runChild(TpcRuntime.Format.COMPACT, marker);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("🚀 process ") && l.endsWith("-c \"exit 3\" " + marker)), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("💥 exit ") && l.endsWith(marker + " 3")), out);
    }
    /**
     * A process that starts while the programs are loading (neither in /proc before nor traced
     * yet) and exits after the attach is still reported with its binary and arguments: the
     * process cache is seeded from /proc once the exec tracker is attached, not before loading.
     */
    @Test
    void aProcessStartedWhileLoadingIsKnownAtItsExit() throws Exception {
        BpfTestSupport.requireBpf();
        String marker = "tpc-loading-" + ProcessHandle.current().pid();
        Process[] started = new Process[1];
        TemplateSource startsAProcessFirst = ref -> {
            if (started[0] == null) {
                started[0] = new ProcessBuilder("/bin/sh", "-c", "sleep 2; exit 4", marker).start();
            }
            return Templates.bundled().object(ref);
        };
        StringWriter out = new StringWriter();
        var plan = Templates.withExecTracker("", variant().id(), List.of());
        try (TpcRuntime.Run run = TpcRuntime.run(plan, new TpcRuntime.RunOptions("test-node", TpcRuntime.Format.COMPACT, out,
                startsAProcessFirst))) {
            assertTrue(started[0].isAlive(), "the process outlives the load (make it sleep longer if this fails)");
            started[0].waitFor();
            for (int i = 0; i < 50 && !out.toString().contains(marker); i++) {
                run.poll(Duration.ofMillis(100));
            }
        }
        // the shell's binary is whatever /bin/sh resolves to (dash, bash, ...)
        assertTrue(out.toString().lines().anyMatch(l -> l.startsWith("💥 exit /") && l.endsWith(" -c \"sleep 2; exit 4\" " + marker + " 4")),
                out.toString());
    }
}
