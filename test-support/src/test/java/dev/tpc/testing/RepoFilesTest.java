package dev.tpc.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The one locator: found from any module directory, and no other test finds the repository its own way. */
class RepoFilesTest {
    @Test
    void theRootIsFoundFromAModuleDirectoryAsFromTheRoot() {
        Path root = RepoFiles.root();
        assertTrue(RepoFiles.isRepositoryRoot(root), root.toString());
        String saved = System.getProperty("tpc.repo.root");
        try {
            System.setProperty("tpc.repo.root", root.resolve("compiler/src/test").toString());
            assertEquals(root, RepoFiles.root());
        } finally {
            if (saved == null) {
                System.clearProperty("tpc.repo.root");
            } else {
                System.setProperty("tpc.repo.root", saved);
            }
        }
        if (System.getProperty("tpc.shared") == null && System.getenv("TPC_SHARED") == null) {
            assertEquals(root.resolveSibling("shared"), SharedData.root());
        }
    }

    @Test
    void noOtherTestReadsTheLocatorPropertiesItself() throws IOException {
        Path root = RepoFiles.root();
        List<String> offenders;
        try (Stream<Path> files = Files.walk(root)) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/test/"))
                    .filter(p -> !p.startsWith(root.resolve("test-support")))
                    .filter(p -> !root.relativize(p).toString().contains("target/"))
                    .filter(RepoFilesTest::readsLocatorProperty)
                    .map(p -> root.relativize(p).toString())
                    .toList();
        }
        assertEquals(List.of(), offenders, "use dev.tpc.testing.RepoFiles / SharedData instead");
    }

    private static boolean readsLocatorProperty(Path file) {
        try {
            String text = Files.readString(file);
            return text.contains("getProperty(\"tpc.repo.root\"") || text.contains("getProperty(\"tpc.shared\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
