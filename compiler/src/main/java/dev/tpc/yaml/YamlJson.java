package dev.tpc.yaml;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON a YAML tree becomes, as in Tetragon's YAML-to-JSON step: scalars keep their YAML 1.1
 * types, keys become strings. {@link #canonical} also sorts keys, for byte-stable renderings.
 */
public final class YamlJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private YamlJson() {}

    /** The tree as JSON, keys in document order. */
    public static JsonNode toJson(YamlNode node) {
        return convert(node, false);
    }

    /** The tree as JSON with keys sorted at every level. */
    public static JsonNode canonical(YamlNode node) {
        return convert(node, true);
    }

    /** Canonical text: sorted keys, two-space indentation, '\n' line ends, a final newline. */
    public static String canonicalText(YamlNode node) {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(canonical(node)).replace("\r\n", "\n") + "\n";
    }

    private static JsonNode convert(YamlNode node, boolean sorted) {
        if (node == null) {
            return F.nullNode();
        }
        if (node instanceof ScalarNode s) {
            return scalar(s);
        }
        if (node instanceof SequenceNode q) {
            ArrayNode a = F.arrayNode();
            for (YamlNode item : q.items()) {
                a.add(convert(item, sorted));
            }
            return a;
        }
        MappingNode m = (MappingNode) node;
        ObjectNode o = F.objectNode();
        List<MappingNode.Entry> entries = m.entries();
        if (sorted) {
            entries = entries.stream().sorted(Comparator.comparing(MappingNode.Entry::name)).toList();
        }
        for (MappingNode.Entry e : entries) {
            o.set(e.name(), convert(e.value(), sorted));
        }
        return o;
    }

    private static JsonNode scalar(ScalarNode s) {
        Object v = s.value();
        if (v == null) {
            return F.nullNode();
        }
        if (v instanceof Boolean b) {
            return F.booleanNode(b);
        }
        if (v instanceof Long l) {
            return F.numberNode(l);
        }
        if (v instanceof BigInteger b) {
            return F.numberNode(b);
        }
        if (v instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? F.stringNode(s.text()) : F.numberNode(d);
        }
        return F.stringNode(v.toString());
    }
}
