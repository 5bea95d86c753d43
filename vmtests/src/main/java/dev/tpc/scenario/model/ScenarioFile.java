package dev.tpc.scenario.model;

import java.nio.file.Path;
import java.util.List;

/**
 * One parsed {@code .tps} file: every scenario it holds, in the order written.
 *
 * @param path    the file, absolute
 * @param shownAs how reports name it (relative to the working directory when below it)
 */
public record ScenarioFile(Path path, String shownAs, List<Scenario> scenarios) {
    public ScenarioFile {
        scenarios = List.copyOf(scenarios);
    }
}
