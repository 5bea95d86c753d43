package dev.tpc.lower;

import java.math.BigInteger;

/**
 * Go's {@code strconv.ParseInt}/{@code ParseUint}, which Tetragon uses on every number in a
 * selector: base 0 takes {@code 0x}, {@code 0o}, {@code 0b} prefixes, a leading {@code 0}
 * means octal, and underscores may separate digits; base 10 takes decimal digits only.
 * Results are the value's bits in a {@code long}; failures carry Go's error text.
 */
final class GoNumbers {
    private GoNumbers() {}

    /** A parsed value, or Go's error ({@code strconv.ParseInt: parsing "x": invalid syntax}). */
    record Parsed(long value, String error) {
        boolean ok() {
            return error == null;
        }
    }

    static Parsed parseInt(String s, int base, int bits) {
        String fn = "ParseInt";
        if (s.isEmpty()) {
            return syntax(fn, s);
        }
        String body = s;
        boolean neg = false;
        if (body.charAt(0) == '+' || body.charAt(0) == '-') {
            neg = body.charAt(0) == '-';
            body = body.substring(1);
        }
        BigInteger mag = magnitude(body, base);
        if (mag == null) {
            return syntax(fn, s);
        }
        BigInteger v = neg ? mag.negate() : mag;
        BigInteger min = BigInteger.ONE.shiftLeft(bits - 1).negate();
        BigInteger max = BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            return range(fn, s);
        }
        return new Parsed(v.longValue(), null);
    }

    static Parsed parseUint(String s, int base, int bits) {
        String fn = "ParseUint";
        if (s.isEmpty()) {
            return syntax(fn, s);
        }
        BigInteger mag = magnitude(s, base);
        if (mag == null) {
            return syntax(fn, s);
        }
        if (mag.bitLength() > bits) {
            return range(fn, s);
        }
        return new Parsed(mag.longValue(), null);
    }

    /** Digits after an optional sign; null when they are not a valid Go literal in {@code base}. */
    private static BigInteger magnitude(String s, int base) {
        if (s.isEmpty() || s.length() > 200) {
            return null;
        }
        int radix = base;
        String digits = s;
        boolean prefixed = false;
        if (base == 0) {
            radix = 10;
            if (s.length() >= 2 && s.charAt(0) == '0') {
                char p = Character.toLowerCase(s.charAt(1));
                if (p == 'x' || p == 'o' || p == 'b') {
                    radix = p == 'x' ? 16 : p == 'o' ? 8 : 2;
                    digits = s.substring(2);
                    prefixed = true;
                } else {
                    radix = 8;
                    digits = s.substring(1);
                    prefixed = true;
                }
            }
            if (!underscoresOk(s)) {
                return null;
            }
            digits = digits.replace("_", "");
            if (digits.isEmpty()) {
                // "0" alone is fine (octal prefix with no digits); "0x" is not
                return radix == 8 && s.replace("_", "").equals("0") ? BigInteger.ZERO : null;
            }
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), radix) < 0) {
                return null;
            }
        }
        return prefixed || base != 0 || !digits.isEmpty() ? new BigInteger(digits, radix) : null;
    }

    /**
     * Go's underscoreOK: underscores only between digits, or right after a base prefix; the
     * leading-0 octal form counts as a prefix.
     */
    private static boolean underscoresOk(String s) {
        char saw = '^';
        int i = 0;
        boolean hex = false;
        if (s.length() >= 1 && s.charAt(0) == '0') {
            if (s.length() >= 2) {
                char p = Character.toLowerCase(s.charAt(1));
                if (p == 'x' || p == 'o' || p == 'b') {
                    hex = p == 'x';
                    i = 2;
                    saw = '0';
                }
            }
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= '0' && c <= '9') || (hex && Character.digit(c, 16) >= 0)) {
                saw = '0';
                continue;
            }
            if (c == '_') {
                if (saw != '0') {
                    return false;
                }
                saw = '_';
                continue;
            }
            if (saw == '_') {
                return false;
            }
            saw = '!';
        }
        return saw != '_';
    }

    private static Parsed syntax(String fn, String s) {
        return new Parsed(0, "strconv." + fn + ": parsing " + quote(s) + ": invalid syntax");
    }

    private static Parsed range(String fn, String s) {
        return new Parsed(0, "strconv." + fn + ": parsing " + quote(s) + ": value out of range");
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
