package dev.tpc.cli.runtime;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people type them ({@code 30s}, {@code 5m}, {@code 1h}, {@code 500ms}, a number of seconds) or ISO-8601,
 * up to about 292 years (what a count of nanoseconds holds).
 */
final class Durations {
    private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");

    private Durations() {
    }

    static Optional<Duration> parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE.matcher(t);
        Duration d;
        if (m.matches()) {
            long v = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            d = switch (unit) {
                case "ms" -> Duration.ofMillis(v);
                case "m" -> Duration.ofMinutes(v);
                case "h" -> Duration.ofHours(v);
                default -> Duration.ofSeconds(v);
            };
        } else {
            try {
                d = Duration.parse(text.strip().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        if (d.isNegative() || d.isZero()) {
            return Optional.empty();
        }
        try {
            d.toNanos(); // the run's deadline is counted in nanoseconds
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
        return Optional.of(d);
    }
}
