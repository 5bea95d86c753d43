package dev.tpc.bundle;

import dev.tpc.diag.BundleRule;
import java.util.Objects;

/**
 * A file is not a valid tpc bundle: damaged, modified, of an unknown format version, or for
 * another architecture. {@link #rule()} says which, as a TP9xxx code.
 */
public final class BundleFormatException extends Exception {
    private static final long serialVersionUID = 1L;
    private final BundleRule rule;

    public BundleFormatException(String message) {
        this(BundleRule.NOT_A_BUNDLE, message);
    }

    public BundleFormatException(BundleRule rule, String message) {
        super(message);
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    public BundleRule rule() {
        return rule;
    }
}
