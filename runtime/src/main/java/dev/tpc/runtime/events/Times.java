package dev.tpc.runtime.events;

/**
 * Event times. The BPF side stamps boot-clock nanoseconds; {@code bootOffsetNanos} (wall clock minus
 * boot clock, measured once at start) turns them into UTC. Rendered like protobuf's JSON timestamps,
 * as Tetragon's export does: RFC 3339 in UTC with 0, 3, 6 or 9 fractional digits.
 */
public final class Times {
    private Times() {
    }

    public static String rfc3339(long epochNanos) {
        long seconds = Math.floorDiv(epochNanos, 1_000_000_000L);
        int nanos = (int) Math.floorMod(epochNanos, 1_000_000_000L);
        java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(seconds, 0, java.time.ZoneOffset.UTC);
        // by hand, not String.format: this runs several times per event (docs/performance.md)
        StringBuilder sb = new StringBuilder(30);
        pad(sb, t.getYear(), 4).append('-');
        pad(sb, t.getMonthValue(), 2).append('-');
        pad(sb, t.getDayOfMonth(), 2).append('T');
        pad(sb, t.getHour(), 2).append(':');
        pad(sb, t.getMinute(), 2).append(':');
        pad(sb, t.getSecond(), 2);
        if (nanos != 0) {
            int digits = nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
            int value = digits == 3 ? nanos / 1_000_000 : digits == 6 ? nanos / 1_000 : nanos;
            pad(sb.append('.'), value, digits);
        }
        return sb.append('Z').toString();
    }

    /** {@code value} (not negative) in at least {@code width} digits, zero padded. */
    private static StringBuilder pad(StringBuilder sb, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(digits);
    }
}
