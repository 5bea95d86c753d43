package dev.tpc.scenario.run;

import dev.tpc.scenario.model.ScenarioFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run of scenarios on the running kernel.
 *
 * @param files            parsed scenario files
 * @param filter           a glob on scenario names ({@code *shadow*}); empty: all
 * @param keepGoing        run every scenario even after one failed (otherwise the rest is reported
 *                         skipped, "not run")
 * @param kernelName       how reports name this kernel: {@code host}, or the profile it stands for
 * @param bundles          policy files (absolute) already compiled for this kernel: the bundles of
 *                         each (one per document), by policy file; the matrix compiles on the host
 *                         and the guest loads the bundles
 * @param scratchRoot      where scenario scratch directories are made
 * @param workingDirectory what relative paths in messages are relative to
 * @param stepTimeout      a step's time when its scenario gives none
 * @param exitBarrier      how long, after a step's process ended, the kernel has to report its exit
 * @param timeScale        every duration is multiplied by this (a TCG guest runs 10-40 times slower)
 * @param nodeName         {@code node_name} of the events
 */
public record RunRequest(List<ScenarioFile> files, Optional<String> filter, boolean keepGoing, String kernelName,
                         Map<Path, List<Path>> bundles, Path scratchRoot, Path workingDirectory, Duration stepTimeout,
                         Duration exitBarrier, double timeScale, String nodeName, RunListener listener) {
    public static final Duration DEFAULT_STEP_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_EXIT_BARRIER = Duration.ofSeconds(5);

    public RunRequest {
        files = List.copyOf(files);
        bundles = Map.copyOf(bundles);
        if (timeScale < 1) {
            throw new IllegalArgumentException("the time scale must be 1 or more, not " + timeScale);
        }
        listener = listener == null ? RunListener.NONE : listener;
    }

    /** A host run with the defaults. */
    public static RunRequest host(List<ScenarioFile> files, Path workingDirectory) {
        return new RunRequest(files, Optional.empty(), true, "host", Map.of(),
                Path.of(System.getProperty("java.io.tmpdir")), workingDirectory, DEFAULT_STEP_TIMEOUT,
                DEFAULT_EXIT_BARRIER, 1, "tpc-test", RunListener.NONE);
    }

    public RunRequest withFilter(Optional<String> glob) {
        return new RunRequest(files, glob, keepGoing, kernelName, bundles, scratchRoot, workingDirectory, stepTimeout,
                exitBarrier, timeScale, nodeName, listener);
    }

    public RunRequest withKeepGoing(boolean keep) {
        return new RunRequest(files, filter, keep, kernelName, bundles, scratchRoot, workingDirectory, stepTimeout,
                exitBarrier, timeScale, nodeName, listener);
    }

    public RunRequest withListener(RunListener l) {
        return new RunRequest(files, filter, keepGoing, kernelName, bundles, scratchRoot, workingDirectory, stepTimeout,
                exitBarrier, timeScale, nodeName, l);
    }

    public RunRequest withStepTimeout(Duration d) {
        return new RunRequest(files, filter, keepGoing, kernelName, bundles, scratchRoot, workingDirectory, d,
                exitBarrier, timeScale, nodeName, listener);
    }

    public RunRequest withKernel(String name, Map<Path, List<Path>> compiled, double scale) {
        return new RunRequest(files, filter, keepGoing, name, compiled, scratchRoot, workingDirectory, stepTimeout,
                exitBarrier, scale, nodeName, listener);
    }

    Duration scaled(Duration d) {
        return Duration.ofNanos((long) (d.toNanos() * timeScale));
    }
}
