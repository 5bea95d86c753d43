package dev.tpc.runtime.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** RFC 3339 with the shortest of 0, 3, 6 or 9 fractional digits, as protobuf's JSON mapping writes timestamps. */
class TimesTest {
    private static long nanos(String instant) {
        Instant i = Instant.parse(instant);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    @Test
    void fractionDigits() {
        assertEquals("2026-11-28T16:00:01Z", Times.rfc3339(nanos("2026-11-28T16:00:01Z")));
        assertEquals("2026-11-28T16:00:01.500Z", Times.rfc3339(nanos("2026-11-28T16:00:01.5Z")));
        assertEquals("2026-11-28T16:00:01.000500Z", Times.rfc3339(nanos("2026-11-28T16:00:01.0005Z")));
        assertEquals("2026-11-28T16:00:01.000000007Z", Times.rfc3339(nanos("2026-11-28T16:00:01.000000007Z")));
        assertEquals("2026-01-02T03:04:05.120Z", Times.rfc3339(nanos("2026-01-02T03:04:05.12Z")));
    }

    @Test
    void paddingAndTheEpoch() {
        assertEquals("1970-01-01T00:00:00Z", Times.rfc3339(0));
        assertEquals("2262-04-11T23:47:16.854775807Z", Times.rfc3339(Long.MAX_VALUE));
        assertEquals("1969-12-31T23:59:59.999999999Z", Times.rfc3339(-1));
    }
}
