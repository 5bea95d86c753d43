package dev.tpc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * check, compile, explain and rules must work where libbpf cannot be loaded (macOS, Windows, CI
 * without root): they load no runtime class at all, so no native library either. Shown with the
 * JVM's class-loading log of a separate tpc process.
 */
class NoNativeCodeTest {
    private static final String POLICY = """
            apiVersion: cilium.io/v1alpha1
            kind: TracingPolicy
            metadata:
              name: no-native
            spec:
              tracepoints:
              - subsystem: "syscalls"
                event: "sys_enter_lseek"
                args:
                - index: 7
                  type: "uint32"
            """;

    private static void assertNoRuntimeClass(Path dir, String... args) throws Exception {
        CliProcess.Result r = CliProcess.run(dir, CliProcess.command(List.of(), List.of("-Xlog:class+load=info"), args));
        List<String> loaded = r.out().lines().filter(l -> l.contains("dev.tpc.runtime.") || l.contains("jnr.ffi.")).toList();
        assertEquals(List.of(), loaded, "tpc " + String.join(" ", args) + " loaded runtime or native-binding classes");
        assertTrue(r.out().contains("dev.tpc.cli.Main"), "the class-loading log is there: " + r.err());
        assertEquals(0, r.exit(), r.out().lines().filter(l -> !l.contains("[class,load]")).toList() + r.err());
    }

    @Test
    void checkCompileExplainAndRulesLoadNoRuntimeClass(@TempDir Path dir) throws Exception {
        Path policy = Files.writeString(dir.resolve("p.yaml"), POLICY);
        assertNoRuntimeClass(dir, "check", "--target", "6.12", policy.toString());
        assertNoRuntimeClass(dir, "compile", "--target", "6.12", "-o", dir.resolve("out").toString(), policy.toString());
        assertNoRuntimeClass(dir, "explain", dir.resolve("out").resolve("no-native.tpb").toString());
        assertNoRuntimeClass(dir, "rules");
        assertNoRuntimeClass(dir, "--help");
    }
}
