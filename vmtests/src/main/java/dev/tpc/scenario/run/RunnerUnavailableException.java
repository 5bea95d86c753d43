package dev.tpc.scenario.run;

/** The runner cannot run anything here (not root, no libbpf, not Linux, no exec tracker), with why. */
public final class RunnerUnavailableException extends Exception {
    public RunnerUnavailableException(String message) {
        super(message);
    }
}
