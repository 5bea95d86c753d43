package dev.tpc.yaml;

import java.math.BigInteger;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Resolves plain scalars the way Tetragon's loader does. Tetragon reads policies with a YAML 1.1
 * parser (go-yaml v2 behind sigs.k8s.io/yaml), so {@code yes}, {@code on} and {@code y} are
 * booleans, {@code 0x10} and {@code 010} are integers (hex, octal) and {@code ~} is null, where a
 * YAML 1.2 reader would keep several of these as strings.
 */
final class Yaml11 {
    private Yaml11() {}

    private static final Map<String, Object> WORDS = Map.ofEntries(
            Map.entry("y", true), Map.entry("Y", true), Map.entry("yes", true), Map.entry("Yes", true),
            Map.entry("YES", true), Map.entry("true", true), Map.entry("True", true), Map.entry("TRUE", true),
            Map.entry("on", true), Map.entry("On", true), Map.entry("ON", true),
            Map.entry("n", false), Map.entry("N", false), Map.entry("no", false), Map.entry("No", false),
            Map.entry("NO", false), Map.entry("false", false), Map.entry("False", false), Map.entry("FALSE", false),
            Map.entry("off", false), Map.entry("Off", false), Map.entry("OFF", false),
            Map.entry(".nan", Double.NaN), Map.entry(".NaN", Double.NaN), Map.entry(".NAN", Double.NaN),
            Map.entry(".inf", Double.POSITIVE_INFINITY), Map.entry(".Inf", Double.POSITIVE_INFINITY),
            Map.entry(".INF", Double.POSITIVE_INFINITY), Map.entry("+.inf", Double.POSITIVE_INFINITY),
            Map.entry("+.Inf", Double.POSITIVE_INFINITY), Map.entry("+.INF", Double.POSITIVE_INFINITY),
            Map.entry("-.inf", Double.NEGATIVE_INFINITY), Map.entry("-.Inf", Double.NEGATIVE_INFINITY),
            Map.entry("-.INF", Double.NEGATIVE_INFINITY));

    private static final java.util.Set<String> NULLS = java.util.Set.of("", "~", "null", "Null", "NULL");
    private static final Pattern FLOAT = Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
    private static final BigInteger MAX_U64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger MIN_S64 = BigInteger.valueOf(Long.MIN_VALUE);

    /** The value of a plain (unquoted, untagged) scalar. */
    static Object resolvePlain(String text) {
        if (NULLS.contains(text)) {
            return null;
        }
        Object word = WORDS.get(text);
        if (word != null) {
            return word;
        }
        char c = text.charAt(0);
        if (!(c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9'))) {
            return text;
        }
        String plain = text.replace("_", "");
        BigInteger integer = parseGoInteger(plain);
        if (integer != null && integer.compareTo(MIN_S64) >= 0 && integer.compareTo(MAX_U64) <= 0) {
            return integer.bitLength() < 64 ? (Object) integer.longValue() : integer;
        }
        if (FLOAT.matcher(plain).matches()) {
            return Double.parseDouble(plain);
        }
        return text;
    }

    /** Go's {@code strconv.ParseInt(s, 0, 64)} prefix rules: 0x, 0o, 0b, leading 0 = octal. */
    static BigInteger parseGoInteger(String s) {
        if (s.isEmpty()) {
            return null;
        }
        boolean negative = false;
        int i = 0;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        String body = s.substring(i);
        int radix = 10;
        if (body.length() > 2 && body.charAt(0) == '0') {
            char p = Character.toLowerCase(body.charAt(1));
            if (p == 'x') { radix = 16; body = body.substring(2); }
            else if (p == 'o') { radix = 8; body = body.substring(2); }
            else if (p == 'b') { radix = 2; body = body.substring(2); }
            else { radix = 8; body = body.substring(1); }
        } else if (body.length() == 2 && body.charAt(0) == '0') {
            radix = 8;
            body = body.substring(1);
        }
        if (body.isEmpty()) {
            return null;
        }
        for (int k = 0; k < body.length(); k++) {
            if (Character.digit(body.charAt(k), radix) < 0) {
                return null;
            }
        }
        BigInteger v = new BigInteger(body, radix);
        return negative ? v.negate() : v;
    }

    /** Formats a float the way Go's encoding/json prints a float64. */
    static String formatFloat(double d) {
        if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e21) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }
}
