package dev.tpc.yaml;

import dev.tpc.diag.SourceSpan;

/**
 * A node of a YAML document with the span it came from. The tree is immutable; aliases are
 * expanded into copies that keep the span of the anchored node.
 */
public sealed interface YamlNode permits ScalarNode, MappingNode, SequenceNode {
    SourceSpan span();

    /** A short name of the node's kind for messages: "string", "integer", "mapping", ... */
    String kindName();
}
