package dev.tpc.bundle;

import java.util.List;
import java.util.Map;

/**
 * What a bundle says about itself ({@code manifest.json}).
 *
 * @param format         the format version, {@code tpc-bundle/1}
 * @param toolVersion    the tpc version that wrote it
 * @param tetragon       the modelled Tetragon CRD schema version
 * @param sourceName     the policy file's name (no directory: bundles carry no host paths)
 * @param sourceSha256   SHA-256 of the policy file's bytes
 * @param document       the document's position in that file, from 1
 * @param kind           TracingPolicy or TracingPolicyNamespaced
 * @param policy         the policy's name
 * @param namespace      its namespace (namespaced policies), else null
 * @param arch           the architecture the bundle was compiled for
 * @param targets        the target profiles it was compiled for, by name, with each profile's digest
 * @param entries        SHA-256 of every other entry, by entry name
 */
public record BundleManifest(String format, String toolVersion, String tetragon, String sourceName,
                             String sourceSha256, int document, String kind, String policy, String namespace,
                             String arch, Map<String, String> targets, Map<String, String> entries) {
    public static final String FORMAT = "tpc-bundle/1";
    public static final String ENTRY = "manifest.json";

    public BundleManifest {
        targets = Map.copyOf(targets);
        entries = Map.copyOf(entries);
    }

    public List<String> targetNames() {
        return targets.keySet().stream().sorted().toList();
    }
}
