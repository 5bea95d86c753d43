package dev.tpc.yaml;

/**
 * Bounds that keep parsing fast and small whatever the input: a policy is a few kilobytes, so
 * the defaults are generous for real files and tiny for YAML bombs.
 *
 * @param maxDocuments documents per file: a stream of many small documents stays under the byte
 *                     and node limits but costs a verdict each
 */
public record YamlLimits(long maxBytes, int maxDepth, int maxNodes, int maxAliases, int maxDocuments) {
    public static final YamlLimits DEFAULT = new YamlLimits(4L * 1024 * 1024, 64, 100_000, 500, 1_000);
}
