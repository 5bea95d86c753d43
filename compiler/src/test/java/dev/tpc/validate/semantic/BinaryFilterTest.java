package dev.tpc.validate.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * matchBinaries as Tetragon's ParseMatchBinary reads it: path limits count bytes (Go's len), and
 * an entry without values is dropped before its operator and followChildren are looked at.
 */
class BinaryFilterTest {
    private static List<String> codes(String binaries) {
        return Checked.codesWithTargets(Checked.HEAD + """
                  kprobes:
                  - call: sys_openat
                    selectors:
                    - matchBinaries:
                """ + binaries);
    }

    private static String entry(String operator, String value) {
        return "      - operator: " + operator + "\n        values: [\"" + value + "\"]\n";
    }

    @Test
    void pathLimitsCountUtf8Bytes() {
        String ascii = "/" + "a".repeat(254);
        String wide = "/" + "é".repeat(128);   // 128 characters, 257 bytes
        assertEquals(List.of(), codes(entry("In", ascii)));
        assertEquals(List.of("TP3235[]"), codes(entry("In", wide)));
        assertEquals(List.of("TP3215[]"), codes(entry("Postfix", "é".repeat(64))), "128 bytes is over the postfix limit");
        assertEquals(List.of("TP3214[]"), codes(entry("Prefix", "/" + "é".repeat(128))));
    }

    @Test
    void anEntryWithoutValuesIsOnlyAWarning() {
        assertEquals(List.of("TP5004[]"), codes("      - operator: Prefix\n        values: []\n        followChildren: true\n"));
    }
}
