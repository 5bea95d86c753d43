package dev.tpc.api;

import dev.tpc.diag.Diagnostic;
import dev.tpc.diag.Severity;
import dev.tpc.target.Arch;
import java.util.List;
import java.util.stream.Stream;

/**
 * The result of a check. Baselined findings are left out of {@code files} and only counted.
 *
 * @param targetDiagnostics findings about the target profiles themselves (warnings of profile
 *                          files given with {@code --target}); they belong to no input file, but
 *                          count like any other finding
 */
public record CheckReport(ToolInfo tool, List<String> targets, Arch arch, List<FileReport> files, int baselined,
                          List<Diagnostic> targetDiagnostics) {
    public CheckReport {
        targets = List.copyOf(targets);
        files = List.copyOf(files);
        targetDiagnostics = List.copyOf(targetDiagnostics);
    }

    public CheckReport(ToolInfo tool, List<String> targets, Arch arch, List<FileReport> files, int baselined) {
        this(tool, targets, arch, files, baselined, List.of());
    }

    /** Every finding: about the targets first, then per file. */
    public Stream<Diagnostic> diagnostics() {
        return Stream.concat(targetDiagnostics.stream(), files.stream().flatMap(FileReport::allDiagnostics));
    }

    public long count(Severity severity) {
        return diagnostics().filter(d -> d.severity() == severity).count();
    }

    public boolean hasErrors() {
        return count(Severity.ERROR) > 0;
    }

    public boolean hasWarnings() {
        return count(Severity.WARNING) > 0;
    }
}
