package dev.tpc.validate.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Values.goInt against Go's strconv.ParseInt/ParseUint, which Tetragon's selector compiler calls. */
class ValuesTest {
    private static Optional<BigInteger> base0(String s) {
        return Values.goInt(s, true, 64, true);
    }

    private static Optional<BigInteger> base10(String s) {
        return Values.goInt(s, false, 64, true);
    }

    @Test
    void baseZeroTakesGoDigitSeparators() {
        assertEquals(Optional.of(BigInteger.valueOf(1000)), base0("1_000"));
        assertEquals(Optional.of(BigInteger.valueOf(31)), base0("0x_1f"));
        assertEquals(Optional.of(BigInteger.valueOf(7)), base0("0_7"));
        assertEquals(Optional.of(BigInteger.valueOf(-5)), base0("-0b1_01"));
    }

    @Test
    void misplacedSeparatorsAreRefused() {
        assertEquals(Optional.empty(), base0("_1"));
        assertEquals(Optional.empty(), base0("1_"));
        assertEquals(Optional.empty(), base0("1__0"));
        assertEquals(Optional.empty(), base0("0x1__f"));
        assertEquals(Optional.empty(), base10("1_000"), "base 10 takes no separators");
    }

    @Test
    void onlyAsciiDigitsCount() {
        assertEquals(Optional.empty(), base0("\u0663"), "ARABIC-INDIC DIGIT THREE is no digit to Go");
        assertEquals(Optional.empty(), base10("\uff11\uff12"), "nor are fullwidth digits");
    }

    @Test
    void plainValuesStillParse() {
        assertEquals(Optional.of(BigInteger.valueOf(8)), base0("010"));
        assertEquals(Optional.empty(), base0("08"));
        assertEquals(Optional.of(BigInteger.valueOf(255)), base0("0XFF"));
        assertEquals(Optional.empty(), Values.goInt("4294967296", true, 32, false));
        assertEquals(Optional.of(BigInteger.valueOf(4294967295L)), Values.goInt("4294967295", true, 32, false));
        assertEquals(Optional.empty(), Values.goInt("+1", true, 32, false), "ParseUint takes no sign");
    }

    @Test
    void placeholdersAreFoundLikeTheirPattern() {
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile("\\$\\{[^}]*\\}|\\$[A-Z_][A-Z0-9_]*");
        java.util.Random random = new java.util.Random(7);
        String alphabet = "${}A_a0 ";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String v = b.toString();
            assertEquals(pattern.matcher(v).find(), Values.hasPlaceholder(v), v);
        }
    }

    @Test
    // a hang guard, not a speed assertion: the backtracking pattern took minutes on this value
    @org.junit.jupiter.api.Timeout(value = 300, unit = java.util.concurrent.TimeUnit.SECONDS)
    void aLongValueWithoutAClosingBraceIsScannedOnce() {
        assertEquals(false, Values.hasPlaceholder("${".repeat(1_000_000)));
        assertEquals(true, Values.hasPlaceholder("${".repeat(1_000_000) + "}"));
    }
}
