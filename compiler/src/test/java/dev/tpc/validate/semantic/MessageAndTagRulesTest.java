package dev.tpc.validate.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tetragon measures a hook's message and tags with Go's len(), in UTF-8 bytes: one non-ASCII
 * character of two bytes is long enough, and 200 two-byte characters are over the 256 limit.
 */
class MessageAndTagRulesTest {
    private static List<String> codes(String hookExtras) {
        return Checked.codes(Checked.HEAD + "  kprobes:\n  - call: sys_openat\n" + hookExtras);
    }

    @Test
    void aTwoByteCharacterIsNotATooShortMessage() {
        assertEquals(List.of(), codes("    message: \"é\"\n"));
        assertEquals(List.of("TP3016"), codes("    message: \"x\"\n"));
    }

    @Test
    void aMessageIsTruncatedAfter256Bytes() {
        assertEquals(List.of("TP5009"), codes("    message: \"" + "é".repeat(129) + "\"\n"));
        assertEquals(List.of(), codes("    message: \"" + "é".repeat(128) + "\"\n"));
    }

    @Test
    void tagsAreMeasuredInBytesToo() {
        assertEquals(List.of(), codes("    tags: [\"é\"]\n"));
        assertEquals(List.of("TP3017"), codes("    tags: [\"x\"]\n"));
        assertEquals(List.of("TP5010"), codes("    tags: [\"" + "é".repeat(65) + "\"]\n"));
        assertEquals(List.of(), codes("    tags: [\"" + "é".repeat(64) + "\"]\n"));
    }
}
