package dev.tpc.validate.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** rateLimit is a uint32 (strconv.ParseUint(s, 10, 32)) with an optional s, m or h suffix. */
class RateLimitTest {
    private static List<String> codes(String rateLimit) {
        return Checked.codes(Checked.HEAD + """
                  kprobes:
                  - call: sys_openat
                    selectors:
                    - matchActions:
                      - action: Post
                        rateLimit: "%s"
                """.formatted(rateLimit));
    }

    @Test
    void theNumberMustFitAUint32() {
        assertEquals(List.of(), codes("4294967295"));
        assertEquals(List.of(), codes("4294967295h"), "the product is capped, not refused");
        assertEquals(List.of("TP3204"), codes("4294967296"));
        assertEquals(List.of("TP3204"), codes("99999999999m"));
    }

    @Test
    void aSuffixNeedsANumber() {
        assertEquals(List.of(), codes("1M"));
        assertEquals(List.of("TP3204"), codes("m"));
        assertEquals(List.of("TP3204"), codes("+5s"));
    }
}
