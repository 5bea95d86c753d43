package dev.tpc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.target.Arch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --tracepoint-format} is what the check judges tracepoints with too, not only what
 * lowering reads: for {@code tpc check} and for the check {@code tpc compile} runs first.
 */
class TracepointFormatCheckTest {
    /** A node profile as {@code tpc probe} writes it: a kernel no shipped tracepoint table describes. */
    private static final String PROBED_PROFILE = """
            format: 1
            name: node-a
            kernel: {version: "6.6.30", release: "6.6.30-custom"}
            arch: x86_64
            features: {kprobe_multi: true}
            limits: {string_match_max_length: 4096}
            """;

    private static final String OPENAT_FORMATS = """
            === syscalls/sys_enter_openat
            name: sys_enter_openat
            ID: 640
            format:
            \tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;
            \tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;
            \tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;
            \tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;

            \tfield:int __syscall_nr;\toffset:8;\tsize:4;\tsigned:1;
            \tfield:int dfd;\toffset:16;\tsize:8;\tsigned:0;
            \tfield:const char * filename;\toffset:24;\tsize:8;\tsigned:0;
            \tfield:int flags;\toffset:32;\tsize:8;\tsigned:0;
            \tfield:umode_t mode;\toffset:40;\tsize:8;\tsigned:0;

            print fmt: "dfd: 0x%08lx"
            === sock/inet_sock_set_state
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
            """;

    private static String tracepoint(String subsystem, String event, int index, String type) {
        return """
                apiVersion: cilium.io/v1alpha1
                kind: TracingPolicy
                metadata:
                  name: tp
                spec:
                  tracepoints:
                  - subsystem: "%s"
                    event: "%s"
                    args:
                    - index: %d
                      type: "%s"
                """.formatted(subsystem, event, index, type);
    }

    private static Path setUp(Path dir, String policy) throws Exception {
        Files.writeString(dir.resolve("node.yaml"), PROBED_PROFILE);
        Files.writeString(dir.resolve("formats"), OPENAT_FORMATS);
        return Files.writeString(dir.resolve("p.yaml"), policy);
    }

    private static List<String> compiled(Path dir, String target, List<Path> formats) throws Exception {
        CompileReport r = Tpc.compile(new CompileRequest(List.of(Path.of("p.yaml")), List.of(target), Arch.X86_64,
                dir.resolve("out"), formats, false, Optional.empty(), dir));
        return r.check().diagnostics().map(d -> d.code() + d.targets()).toList();
    }

    private static List<String> checked(Path dir, String target, List<Path> formats) throws Exception {
        CheckReport r = Tpc.check(new CheckRequest(List.of(Path.of("p.yaml")), List.of(target), Arch.X86_64, formats,
                Optional.empty(), dir));
        return r.diagnostics().map(d -> d.code() + d.targets()).toList();
    }

    @Test
    void aProbedProfileWithTheGivenFormatNeedsNoNote(@TempDir Path dir) throws Exception {
        setUp(dir, tracepoint("syscalls", "sys_enter_openat", 6, "string"));
        assertTrue(compiled(dir, "node.yaml", List.of()).contains("TP4099[]"),
                "without formats tpc cannot tell whether the tracepoint exists on node-a");
        assertEquals(List.of("TP4099[]"), checked(dir, "node.yaml", List.of()));
        assertEquals(List.of(), compiled(dir, "node.yaml", List.of(Path.of("formats"))));
        assertEquals(List.of(), checked(dir, "node.yaml", List.of(Path.of("formats"))));
    }

    @Test
    void anEventTheGivenFormatsLackIsStillUnknownOnAProbedProfile(@TempDir Path dir) throws Exception {
        // the given formats are a few events, not the node's whole list
        setUp(dir, tracepoint("syscalls", "sys_enter_close", 5, "int"));
        assertEquals(List.of("TP4099[]"), checked(dir, "node.yaml", List.of(Path.of("formats"))));
    }

    @Test
    void aGivenFormatAddsAnEventTheShippedTableLacks(@TempDir Path dir) throws Exception {
        String renamed = OPENAT_FORMATS.replace("sys_enter_openat", "sys_enter_openat9");
        setUp(dir, tracepoint("syscalls", "sys_enter_openat9", 6, "string"));
        Files.writeString(dir.resolve("formats"), renamed);
        assertEquals(List.of("TP4023[]"), checked(dir, "6.12", List.of()));
        assertEquals(List.of(), checked(dir, "6.12", List.of(Path.of("formats"))));
        assertEquals(List.of(), compiled(dir, "6.12", List.of(Path.of("formats"))));
    }

    @Test
    void fieldRulesReadTheGivenFormat(@TempDir Path dir) throws Exception {
        // no shipped table has sock/inet_sock_set_state; the given one has 7 fields
        setUp(dir, tracepoint("sock", "inet_sock_set_state", 9, "int"));
        assertEquals(List.of(), checked(dir, "6.12", List.of()), "an unknown event outside syscalls is the node's to judge");
        assertEquals(List.of("TP4024[]"), checked(dir, "6.12", List.of(Path.of("formats"))));
        assertEquals(List.of("TP4024[]"), compiled(dir, "6.12", List.of(Path.of("formats"))));
        setUp(dir, tracepoint("sock", "inet_sock_set_state", 5, "string"));
        assertEquals(List.of("TP5023[]"), checked(dir, "6.12", List.of(Path.of("formats"))));
        assertEquals(List.of("TP5023[]"), compiled(dir, "6.12", List.of(Path.of("formats"))));
    }
}
