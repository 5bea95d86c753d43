package dev.tpc.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Yaml11Test {

    @ParameterizedTest
    @ValueSource(strings = {"y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE"})
    void yaml11TrueWords(String word) {
        assertEquals(Boolean.TRUE, Yaml11.resolvePlain(word));
    }

    @ParameterizedTest
    @ValueSource(strings = {"n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE"})
    void yaml11FalseWords(String word) {
        assertEquals(Boolean.FALSE, Yaml11.resolvePlain(word));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yEs", "oN", "tRue", "enable", "Nope", "ys"})
    void otherWordsStayStrings(String word) {
        assertEquals(word, Yaml11.resolvePlain(word));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "~", "null", "Null", "NULL"})
    void nulls(String word) {
        assertNull(Yaml11.resolvePlain(word));
    }

    @ParameterizedTest
    @CsvSource({
            "0, 0", "42, 42", "-7, -7", "+7, 7", "0x1F, 31", "0X1f, 31", "010, 8", "0o10, 8", "0b101, 5",
            "1_000, 1000", "-0x10, -16", "9223372036854775807, 9223372036854775807"})
    void integersFollowGoPrefixRules(String text, long expected) {
        assertEquals(expected, Yaml11.resolvePlain(text));
    }

    @org.junit.jupiter.api.Test
    void unsigned64BitValuesAreBigIntegers() {
        assertEquals(new BigInteger("18446744073709551615"), Yaml11.resolvePlain("18446744073709551615"));
        assertEquals(new BigInteger("18446744073709551615"), Yaml11.resolvePlain("0xffffffffffffffff"));
    }

    @org.junit.jupiter.api.Test
    void valuesBeyondUint64AndBadOctalsBecomeFloatsAsInGo() {
        assertEquals(1.8446744073709552E19, Yaml11.resolvePlain("18446744073709551616"));
        assertEquals(8.0, Yaml11.resolvePlain("08"));
        assertEquals(1.5, Yaml11.resolvePlain("1.5"));
        assertEquals(Double.POSITIVE_INFINITY, Yaml11.resolvePlain(".inf"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x", "1.2.3", "10.0.0.1/8", "-", "+", "0xZZ", "sys_write", "127.0.0.1", "1e", "--5"})
    void nonNumbersStayStrings(String text) {
        assertEquals(text, Yaml11.resolvePlain(text));
    }
}
