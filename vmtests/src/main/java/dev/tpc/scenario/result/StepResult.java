package dev.tpc.scenario.result;

import java.time.Duration;
import java.util.List;

/**
 * One step's result.
 *
 * @param fate     how its process ended ({@code exited 0}, {@code killed by SIGKILL}, {@code timed out})
 * @param pid      its process id (0 when it never started)
 * @param events   the events of the step's processes, as Tetragon JSON lines, in arrival order
 * @param output   the end of the process's standard output and error, for a failure report
 * @param problem  why the step could not be judged (an error), empty otherwise
 */
public record StepResult(String name, Outcome outcome, String fate, int pid, List<ExpectationResult> expectations,
                         List<String> events, String output, String problem, Duration time) {
    public StepResult {
        expectations = List.copyOf(expectations);
        events = List.copyOf(events);
    }
}
