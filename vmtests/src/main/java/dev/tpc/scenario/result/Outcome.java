package dev.tpc.scenario.result;

/** How a scenario, a step or an expectation ended. */
public enum Outcome {
    PASSED("passed"),
    FAILED("failed"),
    /** Not run, with the reason: the kernel lacks what the scenario or its policies need. */
    SKIPPED("skipped"),
    /** The run itself broke (a policy that does not load, a workload that cannot start, objects left in the kernel). */
    ERROR("error");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** PASSED and SKIPPED are not failures: the exit status of a run is 0 with only these. */
    public boolean isFailure() {
        return this == FAILED || this == ERROR;
    }
}
