package dev.tpc.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository's root, for tests that read examples, docs, templates and scripts in place. The
 * one locator of the build's tests: it starts at {@code -Dtpc.repo.root} (the parent pom passes
 * Maven's project directory, which is the module's own directory when a module is built alone) or
 * the working directory, and walks up to the directory that holds the reactor, so
 * {@code cd compiler && mvn test} finds the same files as the reactor build.
 */
public final class RepoFiles {
    private RepoFiles() {}

    public static Path root() {
        String configured = System.getProperty("tpc.repo.root");
        Path start = (configured == null || configured.isBlank() ? Path.of("") : Path.of(configured))
                .toAbsolutePath().normalize();
        for (Path p = start; p != null; p = p.getParent()) {
            if (isRepositoryRoot(p)) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root above " + start
                + " (no directory with pom.xml, examples/ and bpf-templates/); set -Dtpc.repo.root=DIR");
    }

    /** {@code root().resolve(relative)}. */
    public static Path resolve(String relative) {
        return root().resolve(relative);
    }

    static boolean isRepositoryRoot(Path p) {
        return Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("examples"))
                && Files.isDirectory(p.resolve("bpf-templates"));
    }
}
