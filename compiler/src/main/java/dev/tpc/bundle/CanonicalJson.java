package dev.tpc.bundle;

import dev.tpc.diag.BundleRule;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one way a bundle writes JSON (docs/bundle-format.md, "Canonical JSON"): UTF-8, keys sorted
 * by code point, two-space indentation, one member or element per line, {@code "key": value},
 * integers in decimal, minimal string escapes, a final newline. Because there is exactly one
 * rendering of a value, the reader can require that an entry is that rendering, byte for byte.
 */
final class CanonicalJson {
    private static final JsonMapper PARSER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private CanonicalJson() {}

    static byte[] bytes(JsonNode node) {
        return text(node).getBytes(StandardCharsets.UTF_8);
    }

    static String text(JsonNode node) {
        StringBuilder out = new StringBuilder(8192);
        value(out, node, 0);
        return out.append('\n').toString();
    }

    /** Parses an entry and requires it to be in canonical form. */
    static JsonNode parse(byte[] bytes, String entry) throws BundleFormatException {
        JsonNode node = parseAnyForm(bytes, entry);
        requireCanonical(node, bytes, entry);
        return node;
    }

    static void requireCanonical(JsonNode node, byte[] bytes, String entry) throws BundleFormatException {
        if (!java.util.Arrays.equals(bytes, bytes(node))) {
            throw new BundleFormatException(BundleRule.MALFORMED_ENTRY, entry + " is not in canonical JSON form");
        }
    }

    /** Parses an entry as JSON, whatever its layout. */
    static JsonNode parseAnyForm(byte[] bytes, String entry) throws BundleFormatException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new BundleFormatException(BundleRule.MALFORMED_ENTRY, entry + " is not UTF-8");
        }
        JsonNode node;
        try {
            node = PARSER.readTree(text);
        } catch (JacksonException e) {
            throw new BundleFormatException(BundleRule.MALFORMED_ENTRY, entry + " is not valid JSON: "
                    + e.getOriginalMessage());
        }
        if (node == null || node.isMissingNode()) {
            throw new BundleFormatException(BundleRule.MALFORMED_ENTRY, entry + " is empty");
        }
        return node;
    }

    private static void value(StringBuilder out, JsonNode node, int depth) {
        if (node == null || node.isNull()) {
            out.append("null");
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else if (node.isIntegralNumber()) {
            if (node.isInt() || node.isLong()) {
                out.append(node.longValue());
            } else {
                out.append(node.bigIntegerValue());
            }
        } else if (node.isNumber()) {
            // never produced by tpc's own entries; policies Tetragon accepts hold no floats either
            BigDecimal d = node.isBigDecimal() ? node.decimalValue() : new BigDecimal(node.doubleValue());
            out.append(d.toString());
        } else if (node.isString()) {
            string(out, node.stringValue());
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append("[\n");
            int i = 0;
            for (JsonNode item : node.values()) {
                indent(out, depth + 1);
                value(out, item, depth + 1);
                out.append(++i < node.size() ? ",\n" : "\n");
            }
            indent(out, depth);
            out.append(']');
        } else if (node.isObject()) {
            if (node.isEmpty()) {
                out.append("{}");
                return;
            }
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
            members.sort((a, b) -> compareCodePoints(a.getKey(), b.getKey()));
            out.append("{\n");
            for (int i = 0; i < members.size(); i++) {
                indent(out, depth + 1);
                string(out, members.get(i).getKey());
                out.append(": ");
                value(out, members.get(i).getValue(), depth + 1);
                out.append(i + 1 < members.size() ? ",\n" : "\n");
            }
            indent(out, depth);
            out.append('}');
        } else {
            throw new IllegalArgumentException("no JSON rendering for " + node.getNodeType());
        }
    }

    private static final String SPACES = " ".repeat(64);

    private static void indent(StringBuilder out, int depth) {
        for (int n = 2 * depth; n > 0; n -= SPACES.length()) {
            out.append(SPACES, 0, Math.min(n, SPACES.length()));
        }
    }

    /** Escapes only what JSON requires: quote, backslash and control characters. */
    static void string(StringBuilder out, String s) {
        out.append('"');
        int plain = 0;
        while (plain < s.length() && s.charAt(plain) >= 0x20 && s.charAt(plain) != '"' && s.charAt(plain) != '\\') {
            plain++;
        }
        out.append(s, 0, plain);
        for (int i = plain; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * Code point order. UTF-16 order differs from it only where a surrogate meets a character of
     * U+E000..U+FFFF, so the first differing pair of chars is shifted to make surrogates sort last.
     */
    static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (x >= 0xD800 && y >= 0xD800) {
                    return Integer.compare(fixUp(x), fixUp(y));
                }
                return Character.compare(x, y);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    private static int fixUp(char c) {
        return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }
}
