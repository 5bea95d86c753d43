package dev.tpc.workload.lowering;

import dev.tpc.scenario.model.Setup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What the runner knows of a step beyond its workload: where the scenario's scratch directory is,
 * its setup, the cgroup its processes run in, how long the step may take and where its output goes.
 *
 * @param scratch the scenario's scratch directory (absolute), what {@code ${scratch}} stands for
 * @param cgroup  a cgroup v2 directory the step's process is born in (empty: the runner's)
 * @param timeout the step's {@code within}, else the runner's default
 */
public record StepContext(Path scratch, Setup setup, Optional<Path> cgroup, Duration timeout, Path stdout, Path stderr) {
    public StepContext {
        if (!scratch.isAbsolute()) {
            throw new IllegalArgumentException("the scratch directory must be absolute: " + scratch);
        }
    }
}
