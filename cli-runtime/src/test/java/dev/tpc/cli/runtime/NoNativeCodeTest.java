package dev.tpc.cli.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.cli.CliProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * check, compile, explain and rules must work where libbpf cannot be loaded (macOS, Windows, CI
 * without root): with the runtime verbs on the class path, as in the distribution, they load no
 * runtime class, so no native library either, and not even the runtime verbs' command classes
 * (the provider is not looked up for a core verb). Shown with the JVM's class-loading log of a
 * separate tpc process.
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

    private static CliProcess.Result assertLoadsNone(Path dir, List<String> prefixes, String... args) throws Exception {
        CliProcess.Result r = CliProcess.run(dir, CliProcess.command(List.of(), List.of("-Xlog:class+load=info"), args));
        List<String> loaded = r.out().lines().filter(l -> l.contains("[class,load]"))
                .filter(l -> prefixes.stream().anyMatch(l::contains)).toList();
        assertEquals(List.of(), loaded, "tpc " + String.join(" ", args) + " loaded classes it does not need");
        assertTrue(r.out().contains("dev.tpc.cli.Main"), "the class-loading log is there: " + r.err());
        assertEquals(0, r.exit(), r.out().lines().filter(l -> !l.contains("[class,load]")).toList() + r.err());
        return r;
    }

    @Test
    void checkCompileExplainAndRulesLoadNoRuntimeClass(@TempDir Path dir) throws Exception {
        List<String> runtime = List.of("dev.tpc.runtime.", "jnr.ffi.", "com.kenai.jffi.", "dev.tpc.cli.runtime.");
        Path policy = Files.writeString(dir.resolve("p.yaml"), POLICY);
        assertLoadsNone(dir, runtime, "check", "--target", "6.12", policy.toString());
        assertLoadsNone(dir, runtime, "compile", "--target", "6.12", "-o", dir.resolve("out").toString(), policy.toString());
        assertLoadsNone(dir, runtime, "explain", dir.resolve("out").resolve("no-native.tpb").toString());
        assertLoadsNone(dir, runtime, "rules");
    }

    @Test
    void theUsageListsTheRuntimeVerbsWithoutLoadingTheRuntime(@TempDir Path dir) throws Exception {
        CliProcess.Result help = assertLoadsNone(dir, List.of("dev.tpc.runtime.", "jnr.ffi.", "com.kenai.jffi."), "--help");
        for (String verb : List.of("check", "compile", "explain", "rules", "run", "probe", "doctor", "help")) {
            assertTrue(help.out().lines().anyMatch(l -> l.startsWith("  " + verb + " ")), verb + " in\n" + help.out());
        }
    }
}
