package dev.tpc.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates {@code ../shared}: Tetragon's schema, corpus and reference data, which tests read but
 * the project never copies. Order: system property {@code tpc.shared}, environment variable
 * {@code TPC_SHARED}, then {@code shared/} beside the repository root ({@link RepoFiles#root()}).
 */
public final class SharedData {
    private SharedData() {}

    public static Path root() {
        String prop = System.getProperty("tpc.shared");
        if (prop == null || prop.isBlank()) {
            prop = System.getenv("TPC_SHARED");
        }
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        return RepoFiles.root().resolveSibling("shared");
    }

    /** The shared folder, or the test is skipped (or fails, when required) with a message saying why. */
    public static Path require() {
        Path root = root();
        boolean present = Files.isDirectory(root.resolve("corpus")) && Files.isDirectory(root.resolve("reference"));
        if (!present) {
            Skip.because(Skip.Kind.SHARED, "Tetragon reference data not found at " + root
                    + " (set -Dtpc.shared=DIR or TPC_SHARED=DIR to the folder holding corpus/ and reference/)");
        }
        return root;
    }
}
