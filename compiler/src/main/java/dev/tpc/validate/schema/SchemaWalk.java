package dev.tpc.validate.schema;

import dev.tpc.diag.Diagnostic;
import dev.tpc.diag.Quoted;
import dev.tpc.diag.SchemaRule;
import dev.tpc.yaml.MappingNode;
import dev.tpc.yaml.ScalarNode;
import dev.tpc.yaml.SequenceNode;
import dev.tpc.yaml.YamlNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Walks the defaulted tree next to the resolved schema for the checks networknt does not do:
 * the Go integer types that Tetragon's typed decoding enforces ({@code x-tpc-go-type}), and the
 * CEL rules attached to objects ({@code x-kubernetes-validations}).
 */
final class SchemaWalk {
    private final PolicySchema schema;
    private final List<Diagnostic> found = new ArrayList<>();

    private SchemaWalk(PolicySchema schema) {
        this.schema = schema;
    }

    /** The integer-range and CEL findings of a defaulted document, in one pass over the tree. */
    static List<Diagnostic> check(PolicySchema schema, YamlNode root) {
        SchemaWalk w = new SchemaWalk(schema);
        w.walk(root, schema.root(), FieldPath.ROOT);
        return w.found;
    }

    private void walk(YamlNode node, JsonNode s, FieldPath path) {
        if (s == null) {
            return;
        }
        if (node instanceof MappingNode map) {
            for (JsonNode rule : s.path("x-kubernetes-validations").values()) {
                Diagnostic d = CelCheck.check(rule.path("rule").asString(), rule.path("message").asString(), map, path);
                if (d != null) {
                    found.add(d);
                }
            }
            for (MappingNode.Entry e : map.entries()) {
                walk(e.value(), schema.property(s, e.name()), path.child(e.name()));
            }
        } else if (node instanceof SequenceNode seq) {
            JsonNode items = schema.items(s);
            for (int i = 0; i < seq.items().size(); i++) {
                walk(seq.items().get(i), items, path.index(i));
            }
        } else if (node instanceof ScalarNode scalar && s.has("x-tpc-go-type")) {
            checkRange(scalar, s, path);
        }
    }

    private void checkRange(ScalarNode scalar, JsonNode s, FieldPath path) {
        BigInteger value;
        if (scalar.value() instanceof Long l) {
            value = BigInteger.valueOf(l);
        } else if (scalar.value() instanceof BigInteger b) {
            value = b;
        } else {
            return; // not an integer: the type check reports it
        }
        if (s.has("minimum") && value.compareTo(s.get("minimum").bigIntegerValue()) < 0) {
            return; // the minimum check reports it
        }
        String goType = s.get("x-tpc-go-type").asString();
        BigInteger min;
        BigInteger max;
        switch (goType) {
            case "uint32" -> { min = BigInteger.ZERO; max = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE); }
            case "int32" -> { min = BigInteger.ONE.shiftLeft(31).negate(); max = BigInteger.ONE.shiftLeft(31).subtract(BigInteger.ONE); }
            case "int64" -> { min = BigInteger.ONE.shiftLeft(63).negate(); max = BigInteger.ONE.shiftLeft(63).subtract(BigInteger.ONE); }
            case "uint64" -> { min = BigInteger.ZERO; max = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE); }
            default -> throw new IllegalStateException("unknown x-tpc-go-type " + goType);
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            found.add(SchemaRule.INTEGER_RANGE.at(scalar.span(),
                    path + ": Invalid value: " + Quoted.text(scalar.text()) + ": does not fit the field's Go type " + goType
                            + " (" + min + " to " + max + ")",
                    "Tetragon decodes this field into a Go " + goType + " and refuses the policy when the value does not fit"));
        }
    }
}
