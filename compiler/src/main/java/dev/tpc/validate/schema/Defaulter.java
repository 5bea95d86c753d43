package dev.tpc.validate.schema;

import dev.tpc.model.Defaults;
import dev.tpc.yaml.MappingNode;
import dev.tpc.yaml.ScalarNode;
import dev.tpc.yaml.SequenceNode;
import dev.tpc.yaml.YamlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Applies the CRD's defaults the way Kubernetes' structural defaulting does before Tetragon
 * decodes a policy: a property with a default is set when its parent object exists and the
 * property is absent or null; lists and map values are defaulted item by item. A value of the
 * wrong type is left alone (the schema check reports it).
 *
 * <p>An added entry's key and value carry the span of the object that received it, so later
 * findings about a defaulted field point at that object ({@link Defaults#isSynthetic}).
 */
final class Defaulter {
    private final PolicySchema schema;

    Defaulter(PolicySchema schema) {
        this.schema = schema;
    }

    YamlNode apply(YamlNode node) {
        return apply(node, schema.root());
    }

    private YamlNode apply(YamlNode node, JsonNode nodeSchema) {
        if (nodeSchema == null) {
            return node;
        }
        if (node instanceof MappingNode map) {
            return applyToMapping(map, nodeSchema);
        }
        if (node instanceof SequenceNode seq) {
            JsonNode items = schema.items(nodeSchema);
            if (items == null) {
                return node;
            }
            List<YamlNode> out = new ArrayList<>(seq.items().size());
            boolean changed = false;
            for (YamlNode item : seq.items()) {
                YamlNode d = apply(item, items);
                changed |= d != item;
                out.add(d);
            }
            return changed ? new SequenceNode(out, seq.span()) : seq;
        }
        return node;
    }

    private YamlNode applyToMapping(MappingNode map, JsonNode objectSchema) {
        List<MappingNode.Entry> entries = new ArrayList<>(map.entries().size() + 4);
        boolean changed = false;
        for (MappingNode.Entry e : map.entries()) {
            JsonNode propertySchema = schema.property(objectSchema, e.name());
            YamlNode value = e.value();
            if (propertySchema != null && isNull(value) && propertySchema.has("default")) {
                value = scalar(propertySchema.get("default"), value);
            } else {
                value = apply(value, propertySchema);
            }
            changed |= value != e.value();
            entries.add(value == e.value() ? e : new MappingNode.Entry(e.key(), value));
        }
        for (Map.Entry<String, JsonNode> p : schema.defaultedProperties(objectSchema)) {
            if (map.entry(p.getKey()).isEmpty()) {
                ScalarNode key = Defaults.syntheticKey(p.getKey(), map);
                ScalarNode value = scalar(p.getValue().get("default"), key);
                entries.add(new MappingNode.Entry(key, value));
                changed = true;
            }
        }
        return changed ? new MappingNode(entries, map.span()) : map;
    }

    private static boolean isNull(YamlNode node) {
        return node instanceof ScalarNode s && s.isNull();
    }

    /** A scalar holding a default; defaults in the CRD are booleans and strings. */
    private static ScalarNode scalar(JsonNode value, YamlNode at) {
        Object v = value.isBoolean() ? (Object) value.booleanValue() : value.asString();
        return new ScalarNode(String.valueOf(v), v, value.isString(), at.span());
    }
}
