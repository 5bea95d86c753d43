package dev.tpc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.diag.Diagnostic;
import dev.tpc.diag.Severity;
import dev.tpc.report.ReportFormat;
import dev.tpc.target.Arch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A target profile that resolves with warnings (TP0103, TP0105) still shows them in the report. */
class TargetWarningsTest {
    private static final String POLICY = """
            apiVersion: cilium.io/v1alpha1
            kind: TracingPolicy
            metadata:
              name: p
            spec:
              kprobes:
              - call: sys_write
            """;

    private static final String PROFILE_WITH_UNKNOWN_FEATURE = """
            format: 1
            name: node-a
            kernel: {version: "6.6.30"}
            arch: x86_64
            features: {kprobe_multi: true, warp_drive: true}
            limits: {string_match_max_length: 4096}
            """;

    @Test
    void resolverWarningsAreFindingsOfTheReport(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("node.yaml"), PROFILE_WITH_UNKNOWN_FEATURE);
        Files.writeString(dir.resolve("p.yaml"), POLICY);
        CheckReport report = Tpc.check(new CheckRequest(List.of(Path.of("p.yaml")), List.of("node.yaml"), Arch.X86_64,
                Optional.empty(), dir));
        List<Diagnostic> warnings = report.diagnostics().filter(d -> d.code().equals("TP0103")).toList();
        assertEquals(1, warnings.size(), report.diagnostics().toList().toString());
        assertEquals("node.yaml", warnings.get(0).span().file());
        assertEquals(5, warnings.get(0).span().line());
        assertEquals(Severity.WARNING, warnings.get(0).severity());
        assertTrue(report.hasWarnings(), "so that --werror fails on it");

        String text = ReportFormat.TEXT.render(report, false);
        assertTrue(text.contains("warning[TP0103]") && text.contains("--> node.yaml:5:"), text);
        assertTrue(ReportFormat.SARIF.render(report, false).contains("\"ruleId\" : \"TP0103\""));
        assertTrue(ReportFormat.JSON.render(report, false).contains("\"code\":\"TP0103\""));
        assertTrue(ReportFormat.JUNIT.render(report, false).contains("TP0103"));
    }
}
