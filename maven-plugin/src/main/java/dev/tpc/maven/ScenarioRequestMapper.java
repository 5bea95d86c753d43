package dev.tpc.maven;

import dev.tpc.scenario.model.ScenarioFile;
import dev.tpc.scenario.run.RunListener;
import dev.tpc.scenario.run.RunRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps the scenario goals' configuration onto the scenario runner's immutable request. Running
 * scenarios is the core's job; this class only checks and translates values, and says which
 * parameter a bad one came from.
 */
final class ScenarioRequestMapper {
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");

    private ScenarioRequestMapper() {
    }

    /**
     * The settings every scenario goal shares, checked.
     *
     * @param stepTimeout a step's time when its scenario gives none; empty: the runner's default
     * @param minCoverage the selector coverage (percent) below which the goal fails; empty: none
     */
    record Settings(Optional<String> filter, boolean keepGoing, Optional<Duration> stepTimeout, OptionalDouble minCoverage) {
    }

    /**
     * The scenario files and directories to load, or empty when there is nothing to do: none was
     * configured and the default directory does not exist (a project without scenarios, like one
     * without {@code src/test/java}). A configured path that does not exist is the loader's to refuse.
     */
    static Optional<List<Path>> scenarioInputs(ScenarioConfiguration raw) {
        if (raw.scenariosConfigured()) {
            return Optional.of(raw.scenarios());
        }
        Path fallback = raw.defaultScenarioDirectory();
        return Files.isDirectory(fallback) ? Optional.of(List.of(fallback)) : Optional.empty();
    }

    static Settings settings(ScenarioConfiguration raw) throws ParameterException {
        return new Settings(raw.filterGlob(), raw.keepGoing(), stepTimeout(raw.stepTimeout()),
                minCoverage(raw.minSelectorCoverage()));
    }

    /** A run of {@code files} on the running kernel; paths in its results are relative to {@code basedir}. */
    static RunRequest hostRequest(Settings settings, List<ScenarioFile> files, Path basedir, RunListener listener) {
        RunRequest request = RunRequest.host(files, basedir).withFilter(settings.filter())
                .withKeepGoing(settings.keepGoing()).withListener(listener);
        return settings.stepTimeout().map(request::withStepTimeout).orElse(request);
    }

    /**
     * Durations as people type them ({@code 10s}, {@code 500ms}, {@code 2m}, {@code 1h}, a number
     * of seconds) or ISO-8601 ({@code PT1M30S}), as {@code tpc test --step-timeout} reads them.
     */
    static Optional<Duration> stepTimeout(String value) throws ParameterException {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String t = value.strip().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE_DURATION.matcher(t);
        Duration d;
        if (m.matches()) {
            long v = Long.parseLong(m.group(1));
            d = switch (m.group(2) == null ? "s" : m.group(2)) {
                case "ms" -> Duration.ofMillis(v);
                case "m" -> Duration.ofMinutes(v);
                case "h" -> Duration.ofHours(v);
                default -> Duration.ofSeconds(v);
            };
        } else {
            try {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new ParameterException(PluginParameter.STEP_TIMEOUT,
                        "cannot read '" + value + "' as a duration; use e.g. 10s, 1m, 500ms or PT1M30S");
            }
        }
        if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofDays(1)) > 0) {
            throw new ParameterException(PluginParameter.STEP_TIMEOUT,
                    "a step timeout of '" + value + "' makes no sense; give more than 0 and at most a day, e.g. 10s");
        }
        return Optional.of(d);
    }

    static OptionalDouble minCoverage(Double value) throws ParameterException {
        if (value == null) {
            return OptionalDouble.empty();
        }
        if (value.isNaN() || value < 0 || value > 100) {
            throw new ParameterException(PluginParameter.MIN_SELECTOR_COVERAGE,
                    "a percentage from 0 to 100 is expected, not " + value);
        }
        return OptionalDouble.of(value);
    }
}
