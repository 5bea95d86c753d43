package dev.tpc.model;

import dev.tpc.yaml.MappingNode;
import dev.tpc.yaml.ScalarNode;

/**
 * How defaulted values are recognised. The schema layer adds a default as an entry whose key
 * node carries exactly the span of the mapping that received it; a key written in the file
 * never spans its whole parent mapping, so the two cannot be confused.
 */
public final class Defaults {
    private Defaults() {}

    /** Whether {@code key}, an entry key of {@code parent}, was synthesised by defaulting. */
    public static boolean isSynthetic(ScalarNode key, MappingNode parent) {
        return key.span().equals(parent.span());
    }

    /** A key node for a default added to {@code parent}. */
    public static ScalarNode syntheticKey(String name, MappingNode parent) {
        return new ScalarNode(name, name, false, parent.span());
    }
}
