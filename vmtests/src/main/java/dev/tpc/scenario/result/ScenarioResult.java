package dev.tpc.scenario.result;

import java.time.Duration;
import java.util.List;

/**
 * One scenario's result on one kernel.
 *
 * @param file     the scenario file as reports name it
 * @param reason   why it was skipped, or why it broke (empty when passed or failed by its expectations)
 * @param coverage selector coverage of its policies (empty when skipped or when the kernel keeps no counts)
 * @param leftovers kernel objects its policies left behind after unloading (must be empty)
 */
public record ScenarioResult(String file, String name, Outcome outcome, String reason, List<StepResult> steps,
                             List<SelectorCoverage> coverage, List<String> leftovers, Duration time) {
    public ScenarioResult {
        steps = List.copyOf(steps);
        coverage = List.copyOf(coverage);
        leftovers = List.copyOf(leftovers);
    }

    public static ScenarioResult skipped(String file, String name, String reason) {
        return new ScenarioResult(file, name, Outcome.SKIPPED, reason, List.of(), List.of(), List.of(), Duration.ZERO);
    }
}
