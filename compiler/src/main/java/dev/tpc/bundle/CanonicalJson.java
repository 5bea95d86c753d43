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
        StringBuilder out = new StringBuilder();
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
            out.append(node.bigIntegerValue());
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

    private static void indent(StringBuilder out, int depth) {
        out.append("  ".repeat(depth));
    }

    /** Escapes only what JSON requires: quote, backslash and control characters. */
    static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
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

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
