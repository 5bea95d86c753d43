package dev.tpc.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.api.CheckReport;
import dev.tpc.api.CheckRequest;
import dev.tpc.api.FileReport;
import dev.tpc.api.Tpc;
import dev.tpc.api.ToolInfo;
import dev.tpc.diag.Diagnostic;
import dev.tpc.diag.Severity;
import dev.tpc.diag.SourceSpan;
import dev.tpc.target.Arch;
import dev.tpc.validate.DocumentVerdict;
import dev.tpc.yaml.SourceText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a check's typed result becomes build-log lines. */
class FindingLinesTest {
    @TempDir
    Path root;

    /** Records lines with the level Maven would print them at. */
    static final class RecordingLog implements BuildLog {
        final List<String> lines = new ArrayList<>();
        @Override public void error(String line) { lines.add("[ERROR] " + line); }
        @Override public void warn(String line) { lines.add("[WARNING] " + line); }
        @Override public void info(String line) { lines.add("[INFO] " + line); }
    }

    private static Diagnostic finding(Severity severity, SourceSpan span, String hint, List<String> targets) {
        return new Diagnostic("TP4101", severity, "string value is 623 characters long", hint, span, targets);
    }

    @Test
    void aFindingIsOneLineWithPathLineColumnSeverityAndCode() {
        FindingLines lines = new FindingLines(root, root);
        Diagnostic d = finding(Severity.ERROR, new SourceSpan("src/main/tetragon/p.yaml", 22, 11, 22, 40), null, List.of());
        assertEquals("src/main/tetragon/p.yaml:22:11: error[TP4101]: string value is 623 characters long", lines.line(d));
    }

    @Test
    void aFindingForSomeTargetsNamesThem() {
        FindingLines lines = new FindingLines(root, root);
        Diagnostic d = finding(Severity.ERROR, SourceSpan.point("p.yaml", 3, 1), null, List.of("5.10", "6.1"));
        assertEquals("p.yaml:3:1: error[TP4101]: string value is 623 characters long [targets: 5.10, 6.1]", lines.line(d));
    }

    @Test
    void aFindingAboutAWholeFileHasNoPosition() {
        FindingLines lines = new FindingLines(root, root);
        Diagnostic d = finding(Severity.WARNING, SourceSpan.wholeFile("p.yaml"), null, List.of());
        assertEquals("p.yaml: warning[TP4101]: string value is 623 characters long", lines.line(d));
    }

    @Test
    void pathsAreShownFromWhereMavenWasStartedSoThatTheyOpenFromThereInAMultiModuleBuild() {
        Path module = root.resolve("policies-module");
        FindingLines fromRoot = new FindingLines(module, root);
        assertEquals("policies-module/src/main/tetragon/p.yaml", fromRoot.shown("src/main/tetragon/p.yaml"));
        FindingLines fromModule = new FindingLines(module, module);
        assertEquals("src/main/tetragon/p.yaml", fromModule.shown("src/main/tetragon/p.yaml"));
        // a module outside the execution root: the absolute path
        FindingLines elsewhere = new FindingLines(module, root.resolve("other"));
        assertEquals(module.resolve("p.yaml").toString().replace('\\', '/'), elsewhere.shown("p.yaml"));
    }

    @Test
    void severitiesGoToTheirLogLevelsWithTheHintOnTheNextLine() {
        SourceText source = new SourceText("p.yaml", List.of("a: 1"));
        Diagnostic error = finding(Severity.ERROR, SourceSpan.point("p.yaml", 1, 1), "shorten it", List.of("5.10"));
        Diagnostic warning = finding(Severity.WARNING, SourceSpan.point("p.yaml", 2, 1), null, List.of());
        Diagnostic note = finding(Severity.NOTE, SourceSpan.point("p.yaml", 3, 1), " ", List.of());
        Map<String, Boolean> accepted = new LinkedHashMap<>();
        accepted.put("7.2", true);
        accepted.put("5.10", false);
        DocumentVerdict verdict = new DocumentVerdict(1, "TracingPolicy", "long-path", true, accepted, List.of(error, warning, note));
        FileReport file = new FileReport("p.yaml", source, List.of(), List.of(verdict), accepted);
        CheckReport report = new CheckReport(ToolInfo.current(), List.of("5.10", "7.2"), Arch.X86_64, List.of(file), 0);

        RecordingLog log = new RecordingLog();
        new FindingLines(root, root).log(report, log);
        assertEquals(List.of(
                "[ERROR] p.yaml:1:1: error[TP4101]: string value is 623 characters long [targets: 5.10]",
                "[ERROR]   = hint: shorten it",
                "[WARNING] p.yaml:2:1: warning[TP4101]: string value is 623 characters long",
                "[INFO] p.yaml:3:1: note[TP4101]: string value is 623 characters long",
                "[INFO] p.yaml: TracingPolicy \"long-path\": accepted on 7.2; rejected on 5.10",
                "[INFO] " + ToolInfo.current().banner() + ": checked 1 file (1 policy) for 5.10, 7.2 on x86_64: 1 error, 1 warning, 1 note"),
                log.lines);
    }

    @Test
    void aRealCheckIsLoggedWithTheCoresPositions() throws Exception {
        Path policies = Files.createDirectories(root.resolve("src/main/tetragon"));
        Files.writeString(policies.resolve("dup.yaml"), "apiVersion: cilium.io/v1alpha1\nkind: TracingPolicy\nmetadata:\n"
                + "  name: dup\nspec:\n  kprobes:\n  - call: \"sys_write\"\n    syscall: true\n    syscall: false\n", StandardCharsets.UTF_8);
        CheckReport report = Tpc.check(new CheckRequest(List.of(policies), List.of("6.1"), Arch.X86_64, Optional.empty(), root));
        RecordingLog log = new RecordingLog();
        new FindingLines(root, root).log(report, log);
        assertTrue(log.lines.get(0).startsWith("[ERROR] src/main/tetragon/dup.yaml:9:5: error[TP0006]: "), log.lines.get(0));
        assertTrue(log.lines.contains("[INFO] src/main/tetragon/dup.yaml: TracingPolicy \"dup\": rejected on 6.1"), log.lines.toString());
        assertTrue(FailOn.ERROR.fails(report));
    }

    @Test
    void failOnWarningAlsoFailsOnWarnings() {
        Diagnostic warning = finding(Severity.WARNING, SourceSpan.point("p.yaml", 2, 1), null, List.of());
        DocumentVerdict verdict = new DocumentVerdict(1, "TracingPolicy", "p", true, Map.of("6.1", true), List.of(warning));
        FileReport file = new FileReport("p.yaml", new SourceText("p.yaml", List.of()), List.of(), List.of(verdict), Map.of("6.1", true));
        CheckReport report = new CheckReport(ToolInfo.current(), List.of("6.1"), Arch.X86_64, List.of(file), 0);
        assertFalse(FailOn.ERROR.fails(report));
        assertTrue(FailOn.WARNING.fails(report));
        CheckReport clean = new CheckReport(ToolInfo.current(), List.of("6.1"), Arch.X86_64, List.of(), 0);
        assertFalse(FailOn.WARNING.fails(clean));
    }
}
