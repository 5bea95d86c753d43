package dev.tpc.workload;

import java.util.List;

/**
 * How a step's process ended and what each of its system calls returned.
 *
 * @param pid    the workload child's pid (0 when no child was created; a child whose command could not be
 *               executed has one)
 * @param calls  one per call made, in order (a call the child did not live to make has none)
 * @param stdout the end of the child's standard output (bounded)
 * @param stderr the end of its standard error, and of the helper's own messages (bounded)
 */
public record WorkloadResult(int pid, Fate fate, List<CallResult> calls, String stdout, String stderr) {
    public WorkloadResult {
        calls = List.copyOf(calls);
    }

    /** How the child ended. */
    public sealed interface Fate {
    }

    public record Exited(int status) implements Fate {
    }

    /** @param name e.g. {@code SIGKILL} */
    public record Signaled(int signal, String name) implements Fate {
    }

    /** Still running at the timeout; killed with its process group. */
    public record TimedOut() implements Fate {
    }

    /** The helper could not start the child or its command (e.g. no such binary), with why. */
    public record NotStarted(String why) implements Fate {
    }

    /**
     * The run was cut short by the driver, not by the step: the handle was closed before the step
     * ended, or the helper itself stopped answering (the driver's hard timeout) or failed. The
     * child and its process group were killed.
     */
    public record Aborted(String why) implements Fate {
    }

    /**
     * @param ret   the raw return value
     * @param errno errno when {@code ret == -1}, else 0
     */
    public record CallResult(int index, long ret, int errno) {
    }
}
