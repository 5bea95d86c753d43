package dev.tpc.target;

import java.util.Optional;

/** Whether a kernel has a feature. {@code UNKNOWN} is an honest answer: the fact was not measured. */
public enum Availability {
    YES("true"), NO("false"), UNKNOWN("unknown");

    private final String text;

    Availability(String text) {
        this.text = text;
    }

    /** How a profile file writes it. */
    public String text() {
        return text;
    }

    public static Optional<Availability> parse(Object yamlValue) {
        if (yamlValue instanceof Boolean b) {
            return Optional.of(b ? YES : NO);
        }
        if ("unknown".equals(yamlValue)) {
            return Optional.of(UNKNOWN);
        }
        return Optional.empty();
    }
}
