package dev.tpc.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of this repository that tests read (examples, docs). */
public final class RepoFiles {
    private RepoFiles() {}

    public static Path root() {
        String repo = System.getProperty("tpc.repo.root");
        Path p = repo == null ? Path.of("..").toAbsolutePath().normalize() : Path.of(repo);
        if (!Files.isDirectory(p.resolve("examples"))) {
            throw new IllegalStateException("cannot find the repository root (examples/ missing under " + p + ")");
        }
        return p;
    }
}
