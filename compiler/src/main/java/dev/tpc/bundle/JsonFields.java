package dev.tpc.bundle;

import dev.tpc.diag.BundleRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Strict access to one JSON object of a bundle entry: the object must have exactly the expected
 * members, each of the expected type; anything else is a {@link BundleRule#MALFORMED_ENTRY}.
 */
final class JsonFields {
    private final JsonNode node;
    private final String where;

    private JsonFields(JsonNode node, String where) {
        this.node = node;
        this.where = where;
    }

    static JsonFields of(JsonNode node, String where, String... members) throws BundleFormatException {
        if (node == null || !node.isObject()) {
            throw malformed(where + " is not a JSON object");
        }
        Set<String> expected = new TreeSet<>(List.of(members));
        Set<String> actual = new TreeSet<>(node.propertyNames());
        if (!expected.equals(actual)) {
            Set<String> missing = new TreeSet<>(expected);
            missing.removeAll(actual);
            Set<String> unknown = new TreeSet<>(actual);
            unknown.removeAll(expected);
            throw malformed(where + (missing.isEmpty() ? "" : " lacks " + missing)
                    + (unknown.isEmpty() ? "" : (missing.isEmpty() ? "" : " and") + " has unknown members " + unknown));
        }
        return new JsonFields(node, where);
    }

    String where() {
        return where;
    }

    JsonNode raw(String name) {
        return node.get(name);
    }

    String string(String name) throws BundleFormatException {
        JsonNode v = node.get(name);
        if (!v.isString()) {
            throw malformed(where + "." + name + " is not a string");
        }
        return v.stringValue();
    }

    /** A string or null. */
    String nullableString(String name) throws BundleFormatException {
        JsonNode v = node.get(name);
        return v.isNull() ? null : string(name);
    }

    long integer(String name, long min, long max) throws BundleFormatException {
        JsonNode v = node.get(name);
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
            throw malformed(where + "." + name + " is not an integer between " + min + " and " + max);
        }
        return v.longValue();
    }

    int integer(String name) throws BundleFormatException {
        return (int) integer(name, 0, Integer.MAX_VALUE);
    }

    boolean bool(String name) throws BundleFormatException {
        JsonNode v = node.get(name);
        if (!v.isBoolean()) {
            throw malformed(where + "." + name + " is not a boolean");
        }
        return v.booleanValue();
    }

    List<JsonNode> array(String name) throws BundleFormatException {
        JsonNode v = node.get(name);
        if (!v.isArray()) {
            throw malformed(where + "." + name + " is not an array");
        }
        return new ArrayList<>(v.values());
    }

    List<String> strings(String name) throws BundleFormatException {
        List<String> out = new ArrayList<>();
        for (JsonNode v : array(name)) {
            if (!v.isString()) {
                throw malformed(where + "." + name + " holds a non-string");
            }
            out.add(v.stringValue());
        }
        return out;
    }

    List<Long> integers(String name) throws BundleFormatException {
        List<Long> out = new ArrayList<>();
        for (JsonNode v : array(name)) {
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw malformed(where + "." + name + " holds a non-integer");
            }
            out.add(v.longValue());
        }
        return out;
    }

    static BundleFormatException malformed(String message) {
        return new BundleFormatException(BundleRule.MALFORMED_ENTRY, message);
    }
}
