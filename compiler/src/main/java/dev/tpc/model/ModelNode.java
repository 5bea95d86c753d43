package dev.tpc.model;

import dev.tpc.diag.SourceSpan;
import dev.tpc.yaml.MappingNode;
import dev.tpc.yaml.ScalarNode;
import dev.tpc.yaml.SequenceNode;
import dev.tpc.yaml.YamlNode;

/**
 * A record of the typed model, bound from a YAML mapping it keeps, so that any rule can point
 * at the YAML of any field: {@code kprobe.valueSpan("call")}, {@code selector.itemSpan("matchArgs", 2)}.
 * Field names are the YAML keys (wire names), not the Java component names.
 */
public interface ModelNode {
    /** The mapping this record was bound from (an empty one when the YAML held a non-mapping). */
    MappingNode node();

    /** The span of the whole object. */
    default SourceSpan span() {
        return node().span();
    }

    /** Whether the YAML (after defaulting) has the field, with any value including null. */
    default boolean has(String field) {
        return node().entry(field).isPresent();
    }

    /** The span of the field's key; of the object when the field is absent. */
    default SourceSpan keySpan(String field) {
        return node().keySpan(field);
    }

    /**
     * The span of the field's value; of the object when the field is absent. A value that was
     * filled in by a CRD default points at the object that received it.
     */
    default SourceSpan valueSpan(String field) {
        return node().valueSpan(field);
    }

    /**
     * The span of item {@code index} (from 0) of a list field; of the list when there is no such
     * item, and of the object when the field is absent.
     */
    default SourceSpan itemSpan(String field, int index) {
        YamlNode value = node().get(field).orElse(null);
        if (value instanceof SequenceNode seq) {
            return index >= 0 && index < seq.items().size() ? seq.items().get(index).span() : seq.span();
        }
        return value == null ? span() : value.span();
    }

    /** The span of the entry {@code key} of a map field (e.g. a selectorsMacros name). */
    default SourceSpan entryKeySpan(String field, String key) {
        YamlNode value = node().get(field).orElse(null);
        if (value instanceof MappingNode map) {
            return map.keySpan(key);
        }
        return value == null ? span() : value.span();
    }

    /** Whether the field's value was filled in by a CRD default rather than written in the file. */
    default boolean isDefaulted(String field) {
        return node().entry(field).map(e -> Defaults.isSynthetic(e.key(), node())).orElse(false);
    }

    /** The raw YAML value of a field, for rules that need more than the typed value. */
    default YamlNode yaml(String field) {
        return node().get(field).orElse(null);
    }

    /** The text of a scalar field as written in the file (e.g. to quote it in a message). */
    default String text(String field) {
        return node().get(field).filter(ScalarNode.class::isInstance).map(n -> ((ScalarNode) n).text()).orElse(null);
    }
}
