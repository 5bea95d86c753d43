package dev.tpc.scenario.matrix;

import dev.tpc.scenario.result.ScenarioResult;

/** Progress of a matrix run, for a live display. Called from the threads that run kernels. */
public interface MatrixListener {
    MatrixListener NONE = new MatrixListener() {
    };

    /** @param what e.g. "downloading linux-image-... 40 of 70 MB", "booting", "2 of 9 scenarios done" */
    default void kernelStatus(String kernel, String what) {
    }

    default void scenarioFinished(String kernel, ScenarioResult result) {
    }

    /** @param summary e.g. "9 passed, 3 skipped in 84 s", or why the guest failed */
    default void kernelFinished(String kernel, String summary) {
    }
}
