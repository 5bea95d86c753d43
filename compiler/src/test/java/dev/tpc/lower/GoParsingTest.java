package dev.tpc.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.target.Arch;
import org.junit.jupiter.api.Test;

/** Go's number and address parsing, and Tetragon's syscall-list elements, as lowering reproduces them. */
class GoParsingTest {

    private static long ok(GoNumbers.Parsed p) {
        assertNull(p.error(), p.error());
        return p.value();
    }

    @Test
    void parseIntBaseZero() {
        assertEquals(255, ok(GoNumbers.parseInt("0xff", 0, 32)));
        assertEquals(-16, ok(GoNumbers.parseInt("-0X10", 0, 32)));
        assertEquals(8, ok(GoNumbers.parseInt("010", 0, 32)));
        assertEquals(8, ok(GoNumbers.parseInt("0o10", 0, 32)));
        assertEquals(5, ok(GoNumbers.parseInt("0b101", 0, 32)));
        assertEquals(1_000_000, ok(GoNumbers.parseInt("1_000_000", 0, 32)));
        assertEquals(31, ok(GoNumbers.parseInt("0x_1f", 0, 32)));
        assertEquals(0, ok(GoNumbers.parseInt("0", 0, 32)));
        assertEquals(Integer.MIN_VALUE, ok(GoNumbers.parseInt("-2147483648", 0, 32)));
        assertEquals("strconv.ParseInt: parsing \"2147483648\": value out of range",
                GoNumbers.parseInt("2147483648", 0, 32).error());
        assertEquals("strconv.ParseInt: parsing \"08\": invalid syntax", GoNumbers.parseInt("08", 0, 32).error());
        for (String bad : new String[] {"", "0x", "1__0", "_1", "1_", "abc", "1.5", " 1", "--1"}) {
            assertTrue(GoNumbers.parseInt(bad, 0, 64).error() != null, bad);
        }
    }

    @Test
    void parseUintAndBaseTen() {
        assertEquals(-1L, ok(GoNumbers.parseUint("18446744073709551615", 10, 64)));
        assertEquals(0xFFFF_FFFFL, ok(GoNumbers.parseUint("0xffffffff", 0, 32)));
        assertTrue(GoNumbers.parseUint("0x100000000", 0, 32).error().endsWith("value out of range"));
        assertTrue(GoNumbers.parseUint("-1", 0, 64).error().endsWith("invalid syntax"));
        assertTrue(GoNumbers.parseUint("+1", 10, 64).error().endsWith("invalid syntax"));
        assertTrue(GoNumbers.parseInt("0x10", 10, 64).error().endsWith("invalid syntax"));
        assertTrue(GoNumbers.parseInt("1_0", 10, 64).error().endsWith("invalid syntax"));
        assertEquals(-5, ok(GoNumbers.parseInt("-5", 10, 64)));
    }

    @Test
    void addresses() {
        assertEquals(new FilterValues.Cidr(Bytes.fromHex("7f000001"), 32), GoNetip.parse("127.0.0.1").cidr());
        assertEquals(new FilterValues.Cidr(Bytes.fromHex("0a010203"), 24), GoNetip.parse("10.1.2.3/24").cidr());
        assertEquals(new FilterValues.Cidr(Bytes.fromHex("00000000000000000000000000000001"), 128), GoNetip.parse("::1").cidr());
        assertEquals(new FilterValues.Cidr(Bytes.fromHex("20010db8000000000000000000000000"), 32),
                GoNetip.parse("2001:db8::/32").cidr());
        assertEquals(new FilterValues.Cidr(Bytes.fromHex("00000000000000000000ffff01020304"), 128),
                GoNetip.parse("::ffff:1.2.3.4").cidr(), "IPv4-mapped addresses stay IPv6");
        assertEquals(16, GoNetip.parse("fe80::1%eth0").cidr().address().length());
        assertEquals("IP address is invalid: ParseAddr(\"${PODCIDR}\"): unable to parse IP", GoNetip.parse("${PODCIDR}").error());
        for (String bad : new String[] {"1.2.3", "1.2.3.4.5", "01.2.3.4", "256.1.1.1", "1.2.3.4/33", "::1/129",
                "1:2:3:4:5:6:7:8:9", "1::2::3", "1.2.3.4/024", "fe80::1%eth0/64", "localhost", "1.2.3.4%x"}) {
            assertTrue(GoNetip.parse(bad).error() != null, bad);
        }
    }

    @Test
    void syscallListElements() {
        assertEquals("__x64_sys_dup", Syscalls.symbol("sys_dup", Arch.X86_64));
        assertEquals("__arm64_sys_dup", Syscalls.symbol("sys_dup", Arch.ARM64));
        assertEquals("__ia32_sys_dup", Syscalls.symbol("__ia32_sys_dup", Arch.X86_64));
        assertEquals("__ia32_sys_dup", Syscalls.symbol("i386/sys_dup", Arch.X86_64));
        assertEquals(32, Syscalls.id("sys_dup", Arch.X86_64));
        assertEquals(41 | 0x8000_0000L, Syscalls.id("__ia32_sys_dup", Arch.X86_64));
        assertEquals(23, Syscalls.id("sys_dup", Arch.ARM64));
        assertEquals("__x64_sys_dup", Syscalls.addPrefix("sys_dup", Arch.X86_64));
        assertEquals("__x64_sys_dup", Syscalls.addPrefix("__x64_sys_dup", Arch.X86_64));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Syscalls.addPrefix("__ia32_sys_dup", Arch.X86_64));
        assertEquals("expecting __x64_ and got __ia32_", e.getMessage());
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Syscalls.symbol("arm64/__x64_sys_dup", Arch.X86_64)).getMessage().contains("invalid ABI (arm64) for arch (amd64)"));
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Syscalls.symbol("dup", Arch.X86_64)).getMessage().contains("invalid syscall list element"));
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Syscalls.id("sys_nosuch", Arch.X86_64)).getMessage().contains("cannot translate syscall"));
    }
}
