package dev.tpc.lower;

import java.util.Locale;
import java.util.Optional;

/** The capability set a matchCapabilities filter reads, with Tetragon's IDs. */
public enum CapabilitySet {
    PERMITTED(0, "Permitted"),
    EFFECTIVE(1, "Effective"),
    INHERITABLE(2, "Inheritable");

    private final int id;
    private final String canonicalName;

    CapabilitySet(int id, String canonicalName) {
        this.id = id;
        this.canonicalName = canonicalName;
    }

    public int id() {
        return id;
    }

    public String canonicalName() {
        return canonicalName;
    }

    public static Optional<CapabilitySet> parse(String s) {
        String k = s.toLowerCase(Locale.ROOT);
        for (CapabilitySet c : values()) {
            if (c.canonicalName.toLowerCase(Locale.ROOT).equals(k)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    public static Optional<CapabilitySet> fromId(int id) {
        for (CapabilitySet c : values()) {
            if (c.id == id) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
