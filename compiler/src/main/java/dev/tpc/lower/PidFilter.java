package dev.tpc.lower;

import java.util.List;

/** One matchPIDs entry: values are u32 PIDs in the order written. */
public record PidFilter(Operator op, boolean namespacePid, boolean followForks, List<Long> values) {
    public PidFilter {
        values = List.copyOf(values);
    }

    /** Tetragon's flag word: bit 0 namespace PID, bit 1 followForks. */
    public int flags() {
        return (namespacePid ? 1 : 0) | (followForks ? 2 : 0);
    }
}
