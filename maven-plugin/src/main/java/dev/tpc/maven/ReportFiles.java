package dev.tpc.maven;

import dev.tpc.api.CheckReport;
import dev.tpc.report.ReportFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the report files of one goal execution: {@code tpc-check.sarif}, {@code TEST-tpc-check.xml}
 * (the name CI servers collect JUnit results by), {@code tpc-check.jsonl}, {@code tpc-check.txt}.
 */
final class ReportFiles {
    private ReportFiles() {}

    /**
     * The base name of an execution's reports: the goal, plus the execution id when the POM names
     * one, so that two executions of a goal in one module do not overwrite each other's reports.
     */
    static String baseName(String goal, String executionId) {
        boolean named = executionId != null && !executionId.isBlank()
                && !executionId.equals("default") && !executionId.startsWith("default-");
        return "tpc-" + goal + (named ? "-" + executionId.replaceAll("[^A-Za-z0-9._-]", "_") : "");
    }

    static Path fileFor(Path directory, String baseName, ReportFormat format) {
        String prefix = format == ReportFormat.JUNIT ? "TEST-" : "";
        return directory.resolve(prefix + baseName + "." + format.fileExtension());
    }

    static List<Path> write(CheckReport report, List<ReportFormat> formats, Path directory, String baseName)
            throws IOException {
        List<Path> written = new ArrayList<>();
        if (formats.isEmpty()) {
            return written;
        }
        Files.createDirectories(directory);
        for (ReportFormat format : formats) {
            Path file = fileFor(directory, baseName, format);
            Files.writeString(file, format.render(report, false), StandardCharsets.UTF_8);
            written.add(file);
        }
        return written;
    }
}
