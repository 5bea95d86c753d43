package dev.tpc.lower;

import java.util.List;

/**
 * The IR of one policy for one target: its attach points, and the hooks that could not be
 * lowered. {@code kprobeMultiDisabled} is the policy option {@code disable-kprobe-multi}.
 */
public record LoweredPolicy(String policyName, String target, List<AttachPoint> attachPoints,
                            List<LoweringProblem> problems, boolean kprobeMultiDisabled) {
    public LoweredPolicy {
        attachPoints = List.copyOf(attachPoints);
        problems = List.copyOf(problems);
    }
}
