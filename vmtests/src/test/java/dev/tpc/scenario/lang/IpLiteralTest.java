package dev.tpc.scenario.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpLiteralTest {
    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, true, false", "0.0.0.0, true, false", "255.255.255.255, true, false", "256.1.1.1, false, false",
        "1.2.3, false, false", "01.2.3.4, false, false", "1.2.3.4.5, false, false", "localhost, false, false",
        "::1, false, true", "::, false, true", "fe80::1, false, true", "1:2:3:4:5:6:7:8, false, true", "1:2:3:4:5:6:7, false, false",
        "1:2:3:4:5:6:7:8:9, false, false", "1::2::3, false, false", "::ffff:127.0.0.1, false, true", "1.2.3.4::1, false, false",
        "12345::1, false, false", "g::1, false, false", "1:2:3:4:5:6:7::8, false, false", "fe80::1%eth0, false, false"})
    void addressesAreCheckedByTheirTextAlone(String text, boolean v4, boolean v6) {
        assertEquals(v4, IpLiteral.isIpv4(text), "IPv4 " + text);
        assertEquals(v6, IpLiteral.isIpv6(text), "IPv6 " + text);
    }
}
