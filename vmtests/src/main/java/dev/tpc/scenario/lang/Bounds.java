package dev.tpc.scenario.lang;

/** The limits of {@code ParseRequest.Limits}, as the front end reads them (see there). */
public record Bounds(int maxBytes, int maxScenarios, int maxSteps, int maxItems, int maxStringBytes, int maxFindings) {
}
