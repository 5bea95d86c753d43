package dev.tpc.target;

import java.util.Objects;

/** What a profile says about one feature, and how it knows. {@code evidence} may be empty. */
public record FeatureFact(Availability value, Basis basis, String evidence) {
    public static final FeatureFact UNSTATED = new FeatureFact(Availability.UNKNOWN, Basis.UNMEASURED, "not stated in the profile");

    public FeatureFact {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(basis, "basis");
        evidence = evidence == null ? "" : evidence;
    }
}
