package dev.tpc.schema;

import dev.tpc.testing.SharedData;
import dev.tpc.testing.Skip;
import java.nio.file.Files;
import java.nio.file.Path;

/** Tetragon's reference JSON schemas under the shared folder ({@link SharedData}). */
final class ReferenceSchemas {
    private ReferenceSchemas() {}

    static Path folder() {
        return SharedData.root().resolve("reference/tetragon-schema");
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
