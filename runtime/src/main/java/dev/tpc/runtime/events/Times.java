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
        StringBuilder sb = new StringBuilder(String.format("%04d-%02d-%02dT%02d:%02d:%02d",
                t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond()));
        if (nanos != 0) {
            String frac = String.format("%09d", nanos);
            if (nanos % 1_000_000 == 0) {
                frac = frac.substring(0, 3);
            } else if (nanos % 1_000 == 0) {
                frac = frac.substring(0, 6);
            }
            sb.append('.').append(frac);
        }
        return sb.append('Z').toString();
    }
}
