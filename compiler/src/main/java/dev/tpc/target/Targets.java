package dev.tpc.target;

import java.util.List;

/** What a policy is judged against: one or more target kernels and the CPU architecture. */
public record Targets(List<TargetProfile> profiles, Arch arch) {
    public Targets {
        profiles = List.copyOf(profiles);
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException("at least one target profile is needed");
        }
    }

    public List<String> names() {
        return profiles.stream().map(TargetProfile::name).toList();
    }
}
