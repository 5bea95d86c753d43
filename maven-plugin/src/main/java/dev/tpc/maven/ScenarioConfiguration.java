package dev.tpc.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The scenario goals' parameters as plain values, before they are mapped onto a run request
 * ({@link RawConfiguration}'s counterpart for {@code tpc:test}): everything after this record can
 * be tested without a Maven runtime.
 *
 * @param basedir             the project's base directory; scenario paths in reports are relative to it
 * @param scenarios           the configured scenario files and directories, already absolute; empty when
 *                            none was configured and the default ({@value #DEFAULT_SCENARIO_DIRECTORY}) applies
 * @param filter              a glob on scenario names as written, or null
 * @param keepGoing           run every scenario even after one failed
 * @param stepTimeout         as written ({@code 10s}, {@code 500ms}, {@code PT1M}), or null
 * @param minSelectorCoverage a percentage as written, or null
 */
record ScenarioConfiguration(Path basedir, List<Path> scenarios, String filter, boolean keepGoing, String stepTimeout,
                             Double minSelectorCoverage) {
    static final String DEFAULT_SCENARIO_DIRECTORY = "src/test/tetragon";

    ScenarioConfiguration {
        Objects.requireNonNull(basedir, "basedir");
        scenarios = List.copyOf(scenarios);
    }

    /**
     * From the mojo's fields as Maven injected them: unset parameters are null, files are resolved
     * against the base directory (Maven resolves those from the POM, not always those from {@code -D}).
     */
    static ScenarioConfiguration fromParameters(File basedir, List<File> scenarios, String filter, boolean keepGoing,
                                                String stepTimeout, Double minSelectorCoverage) {
        Path base = basedir.toPath().toAbsolutePath().normalize();
        return new ScenarioConfiguration(base,
                scenarios == null ? List.of() : scenarios.stream().map(f -> base.resolve(f.toPath()).normalize()).toList(),
                filter, keepGoing, stepTimeout, minSelectorCoverage);
    }

    boolean scenariosConfigured() {
        return !scenarios.isEmpty();
    }

    Path defaultScenarioDirectory() {
        return basedir.resolve(DEFAULT_SCENARIO_DIRECTORY);
    }

    Optional<String> filterGlob() {
        return Optional.ofNullable(filter).map(String::trim).filter(f -> !f.isEmpty());
    }
}
