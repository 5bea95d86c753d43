package dev.tpc.cli.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** --duration as people type it. */
class DurationsTest {
    @Test
    void unitsAndIso() {
        assertEquals(Optional.of(Duration.ofSeconds(30)), Durations.parse("30s"));
        assertEquals(Optional.of(Duration.ofSeconds(30)), Durations.parse("30"));
        assertEquals(Optional.of(Duration.ofMinutes(5)), Durations.parse("5m"));
        assertEquals(Optional.of(Duration.ofHours(1)), Durations.parse("1H"));
        assertEquals(Optional.of(Duration.ofMillis(500)), Durations.parse("500ms"));
        assertEquals(Optional.of(Duration.ofSeconds(90)), Durations.parse("PT1M30S"));
        assertEquals(Optional.of(Duration.ofSeconds(2)), Durations.parse(" pt2s "));
    }

    /** Refused too: durations longer than a nanosecond count can hold (292 years), which would overflow the deadline. */
    @Test
    void refusals() {
        for (String bad : new String[] {"", "0", "0s", "-5s", "PT-1S", "5 minutes", "1d", "ms", "99999999999s",
                "999999999h", "PT2562048H"}) {
            assertEquals(Optional.empty(), Durations.parse(bad), bad);
        }
    }
}
