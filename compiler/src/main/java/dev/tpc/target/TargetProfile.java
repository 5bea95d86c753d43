package dev.tpc.target;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A kernel tpc can judge a policy for: its version and the BPF features that decide what
 * Tetragon can do there. Built from a profile file (see docs/target-profiles.md); rules ask
 * {@link #has(Feature)} and never look at the version.
 *
 * @param name                  how users and diagnostics name the target, e.g. {@code 6.12}
 * @param description           one line on where the profile comes from
 * @param kernel                the kernel's version
 * @param release               uname -r, or empty
 * @param arch                  the architecture the profile was measured on
 * @param features              every feature the profile states; absent ones are {@link FeatureFact#UNSTATED}
 * @param stringMatchMaxLength  longest string an Equal/NotEqual string filter may hold (144, 510 or 4096)
 * @param origin                where the profile was read from: {@code builtin} or a file path
 * @param debian                the Debian packages of the kernel (named profiles), for the kernel matrix
 */
public record TargetProfile(String name, String description, KernelVersion kernel, String release, Arch arch,
                            Map<Feature, FeatureFact> features, int stringMatchMaxLength, String origin,
                            Optional<DebianKernel> debian) {
    public TargetProfile(String name, String description, KernelVersion kernel, String release, Arch arch,
                         Map<Feature, FeatureFact> features, int stringMatchMaxLength, String origin) {
        this(name, description, kernel, release, arch, features, stringMatchMaxLength, origin, Optional.empty());
    }

    public TargetProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(arch, "arch");
        EnumMap<Feature, FeatureFact> copy = new EnumMap<>(Feature.class);
        copy.putAll(features);
        features = java.util.Collections.unmodifiableMap(copy);
        description = description == null ? "" : description;
        release = release == null ? "" : release;
        origin = origin == null ? "" : origin;
        debian = debian == null ? Optional.empty() : debian;
    }

    public FeatureFact fact(Feature feature) {
        return features.getOrDefault(feature, FeatureFact.UNSTATED);
    }

    public Availability has(Feature feature) {
        return fact(feature).value();
    }
}
