package dev.tpc.workload.lowering;

import dev.tpc.diag.SourceSpan;
import dev.tpc.workload.WorkloadSpec;

/** A step lowered to what the workload helper runs, or the reason it cannot be. */
public sealed interface Lowering {
    /** Ready to run: call {@code i} of the spec is call {@code i} of the step, in the order written. */
    record Ready(WorkloadSpec spec) implements Lowering {
    }

    /** The step cannot run as written (a command not found, a user unknown, a pid that is not the step's own, ...). */
    record Refused(String message, SourceSpan span) implements Lowering {
    }
}
