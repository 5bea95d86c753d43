package dev.tpc.scenario.result;

/**
 * One expectation held against what happened.
 *
 * @param expected the expectation as the scenario wrote it ({@code expect killed SIGKILL})
 * @param actual   what was seen instead when it failed ({@code exited with status 0}); empty when passed
 * @param line     the expectation's line in the scenario file
 */
public record ExpectationResult(String expected, boolean passed, String actual, int line) {
}
