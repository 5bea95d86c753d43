package dev.tpc.validate.semantic;

import dev.tpc.yaml.MappingNode;
import dev.tpc.yaml.ScalarNode;
import dev.tpc.yaml.SequenceNode;
import dev.tpc.yaml.YamlNode;
import java.util.List;
import java.util.Optional;

/**
 * Reading the schema-checked policy tree. The schema layer has already refused wrong shapes, so
 * these accessors answer "absent" for anything unexpected instead of failing; absent fields take
 * Tetragon's CRD defaults at the call site.
 */
final class Tree {
    private Tree() {}

    static Optional<MappingNode> map(YamlNode node, String key) {
        if (node instanceof MappingNode m && m.get(key).orElse(null) instanceof MappingNode v) {
            return Optional.of(v);
        }
        return Optional.empty();
    }

    static List<YamlNode> list(YamlNode node, String key) {
        if (node instanceof MappingNode m && m.get(key).orElse(null) instanceof SequenceNode s) {
            return s.items();
        }
        return List.of();
    }

    static List<MappingNode> maps(YamlNode node, String key) {
        return list(node, key).stream().filter(MappingNode.class::isInstance).map(MappingNode.class::cast).toList();
    }

    static Optional<ScalarNode> scalar(YamlNode node, String key) {
        if (node instanceof MappingNode m && m.get(key).orElse(null) instanceof ScalarNode s && !s.isNull()) {
            return Optional.of(s);
        }
        return Optional.empty();
    }

    /** The text of a scalar as Go would hold it in a string field (YAML 1.1 values as written). */
    static String text(YamlNode node, String key) {
        return scalar(node, key).map(Tree::string).orElse("");
    }

    static String string(ScalarNode s) {
        return s.isString() ? (String) s.value() : s.text();
    }

    static boolean bool(YamlNode node, String key, boolean fallback) {
        return scalar(node, key).map(s -> s.value() instanceof Boolean b ? b : fallback).orElse(fallback);
    }

    /** An integer field; {@code fallback} when absent or not an integer. */
    static long integer(YamlNode node, String key, long fallback) {
        return scalar(node, key).map(s -> s.value() instanceof Long l ? l : fallback).orElse(fallback);
    }

    static boolean has(YamlNode node, String key) {
        return node instanceof MappingNode m && m.get(key).filter(v -> !(v instanceof ScalarNode s && s.isNull())).isPresent();
    }

    /**
     * Whether the user wrote {@code key} (present, not null, and not added by CRD defaulting, whose
     * entries carry the span of the object that received them).
     */
    static boolean written(YamlNode node, String key) {
        return node instanceof MappingNode m && has(m, key)
                && m.entry(key).map(e -> !e.key().span().equals(m.span())).orElse(false);
    }

    /** The scalar items of a sequence field. */
    static List<ScalarNode> scalars(YamlNode node, String key) {
        return list(node, key).stream().filter(ScalarNode.class::isInstance).map(ScalarNode.class::cast).toList();
    }
}
