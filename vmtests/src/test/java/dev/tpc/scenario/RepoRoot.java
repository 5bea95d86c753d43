package dev.tpc.scenario;

import dev.tpc.testing.RepoFiles;
import java.nio.file.Path;

/** The repository's root, for tests that read docs/, examples/ and their own resources in place. */
final class RepoRoot {
    private RepoRoot() {}

    static Path get() {
        return RepoFiles.root();
    }

    /** {@code vmtests/src/test/resources/scenarios}, where golden files are updated in place. */
    static Path corpus() {
        return get().resolve("vmtests/src/test/resources/scenarios");
    }
}
