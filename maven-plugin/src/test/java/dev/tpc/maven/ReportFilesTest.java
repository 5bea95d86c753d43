package dev.tpc.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.api.CheckReport;
import dev.tpc.api.ToolInfo;
import dev.tpc.report.ReportFormat;
import dev.tpc.target.Arch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFilesTest {
    @TempDir
    Path dir;

    @Test
    void defaultExecutionsShareOneNameAndNamedOnesGetTheirOwn() {
        assertEquals("tpc-check", ReportFiles.baseName("check", "default"));
        assertEquals("tpc-check", ReportFiles.baseName("check", "default-cli"));
        assertEquals("tpc-check", ReportFiles.baseName("check", null));
        assertEquals("tpc-check-kernel-5.10", ReportFiles.baseName("check", "kernel-5.10"));
        assertEquals("tpc-compile-a_b", ReportFiles.baseName("compile", "a/b"));
    }

    @Test
    void eachFormatIsWrittenUnderItsNameJUnitWithTheTestPrefixCiServersCollect() throws Exception {
        CheckReport report = new CheckReport(ToolInfo.current(), List.of("6.1"), Arch.X86_64, List.of(), 0);
        Path out = dir.resolve("target/tpc");
        List<Path> written = ReportFiles.write(report, List.of(ReportFormat.SARIF, ReportFormat.JUNIT, ReportFormat.JSON,
                ReportFormat.TEXT), out, "tpc-check");
        assertEquals(List.of(out.resolve("tpc-check.sarif"), out.resolve("TEST-tpc-check.xml"), out.resolve("tpc-check.jsonl"),
                out.resolve("tpc-check.txt")), written);
        assertEquals(ReportFormat.SARIF.render(report, false), Files.readString(out.resolve("tpc-check.sarif"), StandardCharsets.UTF_8));
        assertTrue(Files.readString(out.resolve("TEST-tpc-check.xml"), StandardCharsets.UTF_8).startsWith("<?xml"));
    }

    @Test
    void noFormatsWriteNothing() throws Exception {
        CheckReport report = new CheckReport(ToolInfo.current(), List.of("6.1"), Arch.X86_64, List.of(), 0);
        assertEquals(List.of(), ReportFiles.write(report, List.of(), dir.resolve("none"), "tpc-check"));
        assertTrue(Files.notExists(dir.resolve("none")));
    }
}
