package dev.tpc.yaml;

import dev.tpc.diag.SourceSpan;
import java.math.BigInteger;

/**
 * A scalar with the value Tetragon's YAML 1.1 loader gives it: {@code null}, {@link Boolean},
 * {@link Long} or {@link BigInteger}, {@link Double}, or {@link String}. {@code text} is the
 * scalar as written (without quotes).
 */
public record ScalarNode(String text, Object value, boolean quoted, SourceSpan span) implements YamlNode {

    public boolean isNull() {
        return value == null;
    }

    public boolean isString() {
        return value instanceof String;
    }

    public boolean isBoolean() {
        return value instanceof Boolean;
    }

    public boolean isInteger() {
        return value instanceof Long || value instanceof BigInteger;
    }

    public boolean isNumber() {
        return isInteger() || value instanceof Double;
    }

    /** The value as Go's YAML-to-JSON conversion would print it as a map key. */
    public String keyText() {
        if (value == null) {
            return "null";
        }
        if (value instanceof Double d) {
            return Yaml11.formatFloat(d);
        }
        return value.toString();
    }

    @Override
    public String kindName() {
        if (value == null) return "null";
        if (value instanceof Boolean) return "boolean";
        if (isInteger()) return "integer";
        if (value instanceof Double) return "number";
        return "string";
    }
}
