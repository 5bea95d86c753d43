package dev.tpc.yaml;

/**
 * Bounds that keep parsing fast and small whatever the input: a policy is a few kilobytes, so
 * the defaults are generous for real files and tiny for YAML bombs.
 */
public record YamlLimits(long maxBytes, int maxDepth, int maxNodes, int maxAliases) {
    public static final YamlLimits DEFAULT = new YamlLimits(4L * 1024 * 1024, 64, 100_000, 500);
}
