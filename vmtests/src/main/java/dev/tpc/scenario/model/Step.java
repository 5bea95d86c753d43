package dev.tpc.scenario.model;

import dev.tpc.diag.SourceSpan;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One step: a workload run in a fresh process, and what must (and must not) follow from it.
 *
 * @param within how long the step may take, from the start of its process to the report of its
 *               exit; the runner's default when absent
 */
public record Step(String name, SourceSpan span, Workload workload, List<Expectation> expectations,
                   Optional<Duration> within) {
    public Step {
        expectations = List.copyOf(expectations);
    }
}
