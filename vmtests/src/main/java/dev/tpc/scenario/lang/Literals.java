package dev.tpc.scenario.lang;

import dev.tpc.diag.Quoted;
import dev.tpc.scenario.diag.ScenarioRule;
import dev.tpc.target.KernelVersion;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.Token;

/**
 * Reads the literals of the language once the grammar has accepted them: strings (escapes),
 * integers (bases, separators, ranges), durations and kernel versions. Each method reports what
 * is wrong at the literal and returns null (or empty) for it.
 */
final class Literals {
    static final BigInteger MIN_INT64 = BigInteger.valueOf(Long.MIN_VALUE);
    static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    static final Duration MAX_WITHIN = Duration.ofHours(1);
    private static final Pattern DURATION = Pattern.compile("([0-9][0-9_]*)(ms|s|m|h)");
    private static final String ESCAPES = "the escapes are \\n, \\t, \\r, \\0, \\\\, \\\" and \\xNN (a byte in hex)";

    private final Spans spans;
    private final Findings findings;
    private final int maxStringBytes;

    Literals(Spans spans, Findings findings, int maxStringBytes) {
        this.spans = spans;
        this.findings = findings;
        this.maxStringBytes = maxStringBytes;
    }

    int maxStringBytes() {
        return maxStringBytes;
    }

    /** The bytes a STRING token stands for: UTF-8 of its characters, escapes read. */
    byte[] bytes(Token string) {
        String s = string.getText();
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        boolean ok = true;
        int offset = 1; // in code points, from the opening quote
        int i = 1;
        int end = s.length() - 1;
        while (i < end) {
            int cp = s.codePointAt(i);
            int width = Character.charCount(cp);
            if (cp != '\\') {
                byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(utf8, 0, utf8.length);
                i += width;
                offset++;
                continue;
            }
            int next = i + 1 < end ? s.codePointAt(i + 1) : -1;
            switch (next) {
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 'r' -> out.write('\r');
                case '0' -> out.write(0);
                case '\\' -> out.write('\\');
                case '"' -> out.write('"');
                case 'x' -> {
                    int hi = i + 2 < end ? Character.digit(s.charAt(i + 2), 16) : -1;
                    int lo = i + 3 < end ? Character.digit(s.charAt(i + 3), 16) : -1;
                    if (hi < 0 || lo < 0) {
                        findings.add(ScenarioRule.BAD_STRING, spans.inside(string, offset, 2),
                                "\\x must be followed by two hex digits", "e.g. \\x00 or \\xff");
                        ok = false;
                    } else {
                        out.write(hi * 16 + lo);
                        i += 2;
                        offset += 2;
                    }
                }
                default -> {
                    String shown = next < 0 ? "\\" : "\\" + new String(Character.toChars(next));
                    findings.add(ScenarioRule.BAD_STRING, spans.inside(string, offset, 2),
                            "unknown escape " + shown + " in a string", ESCAPES);
                    ok = false;
                }
            }
            i += 1 + (next < 0 ? 0 : Character.charCount(next));
            offset += 2;
        }
        if (out.size() > maxStringBytes) {
            findings.add(ScenarioRule.LIMIT, spans.of(string), "a string of " + out.size() + " bytes; the limit is "
                    + maxStringBytes, null);
            return null;
        }
        return ok ? out.toByteArray() : null;
    }

    /** The text a STRING token stands for; its bytes must be UTF-8 (a \xNN of 0x80 and more belongs in bytes only). */
    String text(Token string) {
        byte[] b = bytes(string);
        if (b == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            findings.add(ScenarioRule.BAD_STRING, spans.of(string), "this string is not UTF-8 text once its \\x escapes are read",
                    "bytes that are not text can be written to a file's content or a bytes(...) argument");
            return null;
        }
    }

    /** Text without NUL, as C reads it (a path, a name, an argv string). */
    String cString(Token string, String what) {
        String t = text(string);
        if (t != null && t.indexOf('\0') >= 0) {
            findings.add(ScenarioRule.BAD_STRING, spans.of(string), what + " cannot hold a NUL byte (\\0): C would end it there");
            return null;
        }
        return t;
    }

    /** An integer literal, sign applied, as written (any size); null when malformed. */
    BigInteger integer(TpsParser.IntegerContext ctx) {
        BigInteger v = unsigned(ctx.NUMBER().getSymbol());
        if (v == null) {
            return null;
        }
        return ctx.MINUS() != null ? v.negate() : v;
    }

    /** An integer that must lie in {@code [min, max]}, as a long; null (reported) otherwise. */
    Long integer(TpsParser.IntegerContext ctx, long min, long max, String what) {
        BigInteger v = integer(ctx);
        if (v == null) {
            return null;
        }
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            findings.add(ScenarioRule.BAD_NUMBER, spans.of(ctx), what + " must be from " + min + " to " + max + ", not "
                    + ctx.getText());
            return null;
        }
        return v.longValue();
    }

    /** A system call argument: any value a 64-bit register holds, signed or not, as its 64 bits. */
    Long register(TpsParser.IntegerContext ctx) {
        BigInteger v = integer(ctx);
        if (v == null) {
            return null;
        }
        if (v.compareTo(MIN_INT64) < 0 || v.compareTo(MAX_UINT64) > 0) {
            findings.add(ScenarioRule.BAD_NUMBER, spans.of(ctx), ctx.getText() + " does not fit in 64 bits");
            return null;
        }
        return v.longValue();
    }

    /** A NUMBER token as a non-negative integer; null when malformed. */
    BigInteger number(Token number) {
        return unsigned(number);
    }

    private BigInteger unsigned(Token number) {
        String t = number.getText();
        int radix = 10;
        String digits = t;
        if (t.length() > 1 && t.charAt(0) == '0') {
            char p = Character.toLowerCase(t.charAt(1));
            if (p == 'x' || p == 'o' || p == 'b') {
                radix = p == 'x' ? 16 : p == 'o' ? 8 : 2;
                digits = t.substring(2);
            } else {
                radix = 8;
                digits = t.substring(1);
            }
        }
        String base = switch (radix) {
            case 16 -> "hex";
            case 8 -> "octal";
            case 2 -> "binary";
            default -> "decimal";
        };
        String bad = null;
        if (digits.isEmpty()) {
            bad = "it has no digits after its prefix";
        } else if (digits.startsWith("_") || digits.endsWith("_") || digits.contains("__")) {
            bad = "_ may only stand between two digits";
        } else {
            for (int i = 0; i < digits.length(); i++) {
                char c = digits.charAt(i);
                if (c != '_' && Character.digit(c, radix) < 0) {
                    bad = "'" + c + "' is not " + (radix == 8 ? "an " : "a ") + base + " digit";
                    break;
                }
            }
        }
        if (bad != null) {
            String hint = DURATION.matcher(t).matches() ? "a duration (like " + t + ") is only allowed after within"
                    : radix == 8 && t.matches("0[0-9_]+") ? "a leading 0 makes a number octal; write it without the 0"
                    : "numbers are decimal (42), hex (0x2a), octal (052 or 0o52) or binary (0b101010)";
            findings.add(ScenarioRule.BAD_NUMBER, spans.of(number), Quoted.text(t) + " is not a number: " + bad, hint);
            return null;
        }
        return new BigInteger(digits.replace("_", ""), radix);
    }

    /** {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}: more than zero, at most {@link #MAX_WITHIN}. */
    Duration duration(Token number) {
        Matcher m = DURATION.matcher(number.getText());
        String digits = m.matches() ? m.group(1) : "";
        if (!m.matches() || digits.endsWith("_") || digits.contains("__") || digits.length() > 12) {
            findings.add(ScenarioRule.BAD_NUMBER, spans.of(number), Quoted.text(number.getText()) + " is not a duration",
                    "a duration is a number and a unit: 500ms, 10s, 2m, 1h");
            return null;
        }
        long n = Long.parseLong(digits.replace("_", ""));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(Math.min(n, 1_000_000));
            default -> Duration.ofHours(Math.min(n, 1_000_000));
        };
        if (d.isZero() || d.compareTo(MAX_WITHIN) > 0) {
            findings.add(ScenarioRule.BAD_NUMBER, spans.of(number), "a step's time bound must be more than 0 and at most 1h, not "
                    + number.getText());
            return null;
        }
        return d;
    }

    Optional<KernelVersion> version(TpsParser.VersionContext ctx) {
        String t = ctx.getText();
        Optional<KernelVersion> v = t.matches("[0-9]{1,4}(\\.[0-9]{1,4}(\\.[0-9]{1,6})?)?")
                ? KernelVersion.parse(t.contains(".") ? t : t + ".0") : Optional.empty();
        if (v.isEmpty()) {
            findings.add(ScenarioRule.BAD_NUMBER, spans.of(ctx), Quoted.text(t) + " is not a kernel version",
                    "a version is major.minor or major.minor.patch, e.g. 6.1 or 5.10.0");
        }
        return v;
    }

    /** {@code bytes(0x7f, 69, ...)}: each from 0 to 255. */
    byte[] bytesValue(TpsParser.BytesValueContext ctx) {
        List<TpsParser.IntegerContext> items = ctx.integer();
        if (items.size() > maxStringBytes) {
            findings.add(ScenarioRule.LIMIT, spans.of(ctx), "bytes(...) of " + items.size() + " bytes; the limit is " + maxStringBytes);
            return null;
        }
        byte[] out = new byte[items.size()];
        boolean ok = true;
        for (int i = 0; i < out.length; i++) {
            Long v = integer(items.get(i), 0, 255, "a byte");
            ok &= v != null;
            out[i] = v == null ? 0 : (byte) v.intValue();
        }
        return ok ? out : null;
    }

}
