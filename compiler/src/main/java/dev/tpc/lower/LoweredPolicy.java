package dev.tpc.lower;

import java.util.List;

/** The IR of one policy for one target: its attach points, and the hooks that could not be lowered. */
public record LoweredPolicy(String policyName, String target, List<AttachPoint> attachPoints,
                            List<LoweringProblem> problems) {
    public LoweredPolicy {
        attachPoints = List.copyOf(attachPoints);
        problems = List.copyOf(problems);
    }
}
