package dev.tpc.maven;

import dev.tpc.scenario.report.ScenarioReports;
import dev.tpc.scenario.result.RunReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the report files of a scenario goal's execution: {@code TEST-<name>.xml} in JUnit XML,
 * the name CI servers collect test results by ({@code **}{@code /TEST-*.xml}), and {@code <name>.txt},
 * the text report, as Surefire writes one per test class.
 */
final class ScenarioReportFiles {
    private ScenarioReportFiles() {
    }

    /** @return the files written, the JUnit XML first */
    static List<Path> write(List<RunReport> runs, Path directory, String baseName) throws IOException {
        Files.createDirectories(directory);
        Path junit = directory.resolve("TEST-" + baseName + ".xml");
        Path text = directory.resolve(baseName + ".txt");
        Files.writeString(junit, ScenarioReports.render(ScenarioReports.Format.JUNIT, runs, false), StandardCharsets.UTF_8);
        Files.writeString(text, ScenarioReports.render(ScenarioReports.Format.TEXT, runs, false), StandardCharsets.UTF_8);
        return List.of(junit, text);
    }
}
