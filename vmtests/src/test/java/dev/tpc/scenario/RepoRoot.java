package dev.tpc.scenario;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root, for tests that read docs/, examples/ and their own resources in place. */
final class RepoRoot {
    private RepoRoot() {}

    static Path get() {
        String repo = System.getProperty("tpc.repo.root");
        Path p = repo == null ? Path.of("..").toAbsolutePath().normalize() : Path.of(repo);
        if (!Files.isDirectory(p.resolve("examples"))) {
            throw new IllegalStateException("cannot find the repository root (examples/ missing under " + p + ")");
        }
        return p;
    }

    /** {@code vmtests/src/test/resources/scenarios}, where golden files are updated in place. */
    static Path corpus() {
        return get().resolve("vmtests/src/test/resources/scenarios");
    }
}
