package dev.tpc.api;

import dev.tpc.diag.Diagnostic;
import dev.tpc.diag.Severity;
import dev.tpc.target.Arch;
import java.util.List;
import java.util.stream.Stream;

/**
 * The result of a check. Baselined findings are left out of {@code files} and only counted.
 */
public record CheckReport(ToolInfo tool, List<String> targets, Arch arch, List<FileReport> files, int baselined) {
    public CheckReport {
        targets = List.copyOf(targets);
        files = List.copyOf(files);
    }

    public Stream<Diagnostic> diagnostics() {
        return files.stream().flatMap(FileReport::allDiagnostics);
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
