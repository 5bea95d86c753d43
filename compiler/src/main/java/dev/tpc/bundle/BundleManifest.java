package dev.tpc.bundle;

import dev.tpc.target.Arch;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a bundle says about itself ({@code manifest.json}; docs/bundle-format.md).
 *
 * @param format          the format version, {@value #FORMAT}
 * @param toolVersion     the tpc version that wrote it
 * @param tetragonVersion the modelled Tetragon CRD schema version
 * @param tetragonCommit  the upstream Tetragon commit whose behaviour tpc models
 * @param abiVersion      the template ABI version the loader configs follow
 * @param sourceName      the policy file's name (no directory: bundles carry no host paths)
 * @param sourceSha256    SHA-256 of the policy file's bytes
 * @param document        the document's position in that file, from 1
 * @param kind            TracingPolicy or TracingPolicyNamespaced
 * @param name            the policy's name
 * @param namespace       its namespace (namespaced policies), else null
 * @param policyMode      {@code enforce}, {@code monitor} or {@code monitor_only} ({@code policy_conf.mode} 0, 1, 2)
 * @param arch            the architecture the bundle was compiled for
 * @param layout          how inner-map ids are numbered: {@value #LAYOUT} (per hook)
 * @param targets         the target profiles it was compiled for, in the order given
 * @param entries         SHA-256 of every other entry, by entry name (sorted)
 */
public record BundleManifest(String format, String toolVersion, String tetragonVersion, String tetragonCommit,
                             int abiVersion, String sourceName, String sourceSha256, int document, String kind,
                             String name, String namespace, String policyMode, Arch arch, String layout,
                             List<Target> targets, Map<String, String> entries) {
    public static final String FORMAT = "tpc-bundle/1";
    public static final String ENTRY = "manifest.json";
    public static final String LAYOUT = "single-hook";

    public BundleManifest {
        Objects.requireNonNull(arch, "arch");
        targets = List.copyOf(targets);
        entries = Collections.unmodifiableMap(new TreeMap<>(entries));
    }

    /**
     * One target the bundle was compiled for.
     *
     * @param name              the profile's name ({@code --target} spelling)
     * @param directory         where its hooks live, {@code targets/<dir>}
     * @param kernel            the profile's kernel version
     * @param profileSha256     SHA-256 of the profile's canonical form (docs/bundle-format.md)
     * @param tracepointsSha256 SHA-256 of the tracepoint table used (shipped or overridden), null when none
     * @param hooks             how many attach points the target has
     */
    public record Target(String name, String directory, String kernel, String profileSha256, String tracepointsSha256,
                         int hooks) {}

    public List<String> targetNames() {
        return targets.stream().map(Target::name).toList();
    }

    /** {@code namespace/name} for namespaced policies, else the name. */
    public String qualifiedName() {
        return namespace == null ? name : namespace + "/" + name;
    }
}
