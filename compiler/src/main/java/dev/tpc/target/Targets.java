package dev.tpc.target;

import java.util.List;
import java.util.Objects;

/**
 * What a policy is judged against: one or more target kernels, the CPU architecture, and the
 * tracepoint formats of those kernels (the shipped tables unless the user gave formats).
 */
public record Targets(List<TargetProfile> profiles, Arch arch, TargetTracepoints tracepoints) {
    public Targets {
        profiles = List.copyOf(profiles);
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException("at least one target profile is needed");
        }
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(tracepoints, "tracepoints");
    }

    /** The targets with the shipped tracepoint tables. */
    public Targets(List<TargetProfile> profiles, Arch arch) {
        this(profiles, arch, TargetTracepoints.shipped());
    }

    public Targets withTracepoints(TargetTracepoints formats) {
        return new Targets(profiles, arch, formats);
    }

    public List<String> names() {
        return profiles.stream().map(TargetProfile::name).toList();
    }
}
