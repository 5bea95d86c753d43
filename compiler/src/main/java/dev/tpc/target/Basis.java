package dev.tpc.target;

import java.util.Locale;
import java.util.Optional;

/** How a profile knows a fact. Only {@code PROBED}, {@code MEASURED}, {@code CONFIG} and {@code CORPUS} are measurements. */
public enum Basis {
    /** {@code tpc probe} tried it on the running kernel. */
    PROBED,
    /** A program was loaded and attached on that kernel and its effect observed. */
    MEASURED,
    /** Read from the kernel package's build configuration. */
    CONFIG,
    /** Shown by Tetragon's own verdicts on that kernel. */
    CORPUS,
    /** Not measured: follows from the kernel version (Tetragon's own version gates, or upstream history). */
    VERSION,
    /** Not measured and not derivable; the value should be {@code unknown}. */
    UNMEASURED,
    /** Written by a user in a profile file without saying how it is known. */
    DECLARED;

    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isMeasurement() {
        return this == PROBED || this == MEASURED || this == CONFIG || this == CORPUS;
    }

    public static Optional<Basis> parse(String s) {
        for (Basis b : values()) {
            if (b.text().equals(s)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }
}
