package dev.tpc.maven;

import dev.tpc.api.CheckReport;
import java.util.Locale;
import java.util.Optional;

/** Which findings fail the build: errors only (the default), or warnings as well. */
enum FailOn {
    ERROR, WARNING;

    static Optional<FailOn> parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "error", "errors" -> Optional.of(ERROR);
            case "warning", "warnings" -> Optional.of(WARNING);
            default -> Optional.empty();
        };
    }

    boolean fails(CheckReport report) {
        return report.hasErrors() || (this == WARNING && report.hasWarnings());
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
