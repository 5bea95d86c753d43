package dev.tpc.lower;

import java.util.Optional;

/** The capability set a matchCapabilities filter reads, with Tetragon's IDs. */
public enum CapabilitySet implements TetragonEnum {
    PERMITTED(0, "Permitted"),
    EFFECTIVE(1, "Effective"),
    INHERITABLE(2, "Inheritable");

    private final int id;
    private final String canonicalName;

    CapabilitySet(int id, String canonicalName) {
        this.id = id;
        this.canonicalName = canonicalName;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public String canonicalName() {
        return canonicalName;
    }

    /** Case-insensitive, like Tetragon's tables (which lower-case before the lookup). */
    public static Optional<CapabilitySet> parse(String s) {
        return TetragonEnum.byName(CapabilitySet.class, s);
    }

    public static Optional<CapabilitySet> fromId(int id) {
        return TetragonEnum.byId(CapabilitySet.class, id);
    }
}
