package dev.tpc.validate.schema;

import dev.tpc.diag.SourceSpan;
import dev.tpc.yaml.MappingNode;
import dev.tpc.yaml.ScalarNode;
import dev.tpc.yaml.SequenceNode;
import dev.tpc.yaml.YamlNode;
import java.math.BigInteger;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bridge between the positioned YAML tree and the JSON the schema validator sees: converts
 * the tree to Jackson nodes (the way Go's YAML-to-JSON step does: keys become strings, YAML 1.1
 * scalars keep their resolved types), and finds the YAML node back from an instance location.
 */
final class YamlLocator {
    private YamlLocator() {}

    static JsonNode toJson(YamlNode node) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (node instanceof MappingNode m) {
            ObjectNode o = f.objectNode();
            for (MappingNode.Entry e : m.entries()) {
                o.set(e.name(), toJson(e.value()));
            }
            return o;
        }
        if (node instanceof SequenceNode s) {
            ArrayNode a = f.arrayNode();
            s.items().forEach(i -> a.add(toJson(i)));
            return a;
        }
        ScalarNode s = (ScalarNode) node;
        Object v = s.value();
        if (v == null) return f.nullNode();
        if (v instanceof Boolean b) return f.booleanNode(b);
        if (v instanceof Long l) return f.numberNode(l);
        if (v instanceof BigInteger b) return f.numberNode(b);
        if (v instanceof Double d) {
            // networknt's minimum check cannot compare a double outside the long range (it throws);
            // such a value is never a valid integer for Tetragon, and messages quote the YAML, so a
            // stand-in fraction keeps every verdict (type errors) without the crash
            return f.numberNode(Double.isFinite(d) && Math.abs(d) < 0x1p63 ? d : 0.5);
        }
        return f.stringNode(v.toString());
    }

    /**
     * A node reached by an instance location, with the key it sits under (null for list items
     * and the root) and its field path.
     */
    record Found(YamlNode node, ScalarNode key, YamlNode holder, FieldPath path) {
        /** Where to point for a finding about the node as a whole being incomplete: its key, or itself. */
        SourceSpan holderSpan() {
            if (key != null) {
                return key.span();
            }
            return node.span();
        }
    }

    /** Follows {@code segments} (keys and indexes) from the root; stops at the deepest node that exists. */
    static Found find(YamlNode root, List<Object> segments) {
        YamlNode node = root;
        ScalarNode key = null;
        YamlNode holder = null;
        FieldPath path = FieldPath.ROOT;
        for (Object segment : segments) {
            if (node instanceof MappingNode m) {
                MappingNode.Entry e = m.entry(segment.toString()).orElse(null);
                if (e == null) break;
                holder = node;
                key = e.key();
                node = e.value();
                path = path.child(segment.toString());
            } else if (node instanceof SequenceNode s && segment instanceof Integer i && i >= 0 && i < s.items().size()) {
                holder = node;
                key = null;
                node = s.items().get(i);
                path = path.index(i);
            } else {
                break;
            }
        }
        return new Found(node, key, holder, path);
    }
}
