package dev.tpc.validate.semantic;

import dev.tpc.yaml.MappingNode;
import dev.tpc.yaml.SequenceNode;
import dev.tpc.yaml.YamlNode;
import java.util.List;
import java.util.Map;

/**
 * One selector after its macros are merged in: each field maps to the node it came from (in the
 * selector itself or in a macro definition), so findings point at what the user wrote.
 *
 * @param node     the selector as written
 * @param position its position in the hook's selectors
 * @param fields   field name to value node, macros included
 */
record Selector(MappingNode node, int position, Map<String, YamlNode> fields) {
    Selector {
        fields = Map.copyOf(fields);
    }

    List<MappingNode> entries(String field) {
        YamlNode n = fields.get(field);
        if (n instanceof SequenceNode s) {
            return s.items().stream().filter(MappingNode.class::isInstance).map(MappingNode.class::cast).toList();
        }
        return List.of();
    }

    YamlNode field(String field) {
        return fields.get(field);
    }
}
