package dev.tpc.scenario.matrix;

import dev.tpc.scenario.result.RunReport;
import java.time.Duration;
import java.util.List;

/** Every kernel's report, in the order the kernels were asked for, and the wall time of the whole matrix. */
public record MatrixReport(List<RunReport> kernels, Duration time) {
    public MatrixReport {
        kernels = List.copyOf(kernels);
    }

    public boolean failed() {
        return kernels.stream().anyMatch(RunReport::failed);
    }
}
