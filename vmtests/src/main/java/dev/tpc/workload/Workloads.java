package dev.tpc.workload;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Runs scenario steps through the workload helper, a small static C program shipped in this jar
 * (docs/workload-helper.md). Each step runs in a fresh process: the helper forks a workload child
 * that is born in the step's cgroup, leads its own process group, switches user and group, and
 * then either becomes the step's command (same pid) or makes the step's system calls exactly as
 * written, each one's result reported. Nothing of a step outlives it: the helper kills the
 * child's process group at the timeout, when the child ends, or when the handle is closed.
 *
 * <pre>{@code
 * try (WorkloadProcess w = Workloads.start(spec)) {
 *     int pid = w.pid();             // known now: attribute kernel events to it while it runs
 *     WorkloadResult r = w.await();  // fate, each call's (ret, errno), the end of stdout/stderr
 * }
 * }</pre>
 */
public final class Workloads {
    private Workloads() {
    }

    /**
     * Starts one step and returns once its workload child exists (or could not be created: then
     * the handle's result is already {@link WorkloadResult.NotStarted}).
     *
     * @throws WorkloadUnavailableException no helper runs on this machine (the message says why)
     * @throws IllegalArgumentException     the spec cannot be encoded (a NUL in a path, a limit exceeded)
     */
    public static WorkloadProcess start(WorkloadSpec spec) {
        Path binary = HelperBinary.path();
        try {
            return WorkloadProcess.start(spec, binary);
        } catch (IOException e) {
            throw new WorkloadUnavailableException("cannot start the workload helper " + binary + ": " + e.getMessage());
        }
    }

    /** {@link #start} then {@link WorkloadProcess#await}, the handle closed. */
    public static WorkloadResult run(WorkloadSpec spec) {
        try (WorkloadProcess w = start(spec)) {
            return w.await();
        }
    }

    /**
     * The helper binary, extracted for this JVM (a step making direct system calls runs as this
     * binary: its {@code process.binary} in events).
     *
     * @throws WorkloadUnavailableException no helper runs on this machine
     */
    public static Path helperBinary() {
        return HelperBinary.path();
    }
}
