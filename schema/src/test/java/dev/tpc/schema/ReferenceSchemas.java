package dev.tpc.schema;

import dev.tpc.testing.Skip;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds Tetragon's reference JSON schemas under the shared folder: system property
 * {@code tpc.shared}, environment variable {@code TPC_SHARED}, then {@code <repo>/../shared}.
 * (The compiler's test locator is not visible from this module.)
 */
final class ReferenceSchemas {
    private ReferenceSchemas() {}

    static Path folder() {
        String configured = System.getProperty("tpc.shared");
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("TPC_SHARED");
        }
        Path shared;
        if (configured != null && !configured.isBlank()) {
            shared = Path.of(configured);
        } else {
            String repo = System.getProperty("tpc.repo.root");
            shared = (repo == null ? Path.of("").toAbsolutePath() : Path.of(repo)).resolve("../shared");
        }
        return shared.resolve("reference/tetragon-schema").toAbsolutePath().normalize();
    }

    /** The reference folder, or the calling test is skipped with a printed reason. */
    static Path require() {
        Path folder = folder();
        if (!Files.isRegularFile(folder.resolve("tracingpolicy-cilium.io.json"))) {
            Skip.because(Skip.Kind.SHARED, "Tetragon's reference schemas not found at " + folder
                    + " (set -Dtpc.shared=DIR or TPC_SHARED=DIR to the folder holding reference/tetragon-schema)");
        }
        return folder;
    }
}
