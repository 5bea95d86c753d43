package dev.tpc.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.api.CompiledBundle;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleArtifactsTest {
    @TempDir
    Path out;

    private CompiledBundle bundle(String source, String policy, Path file, boolean upToDate) {
        return new CompiledBundle(source, 1, policy, file, "ab".repeat(32), upToDate);
    }

    @Test
    void theClassifierIsThePolicyNameTheBundleFileCarries() {
        assertEquals("write-to-stdout", BundleArtifacts.classifier(out, out.resolve("write-to-stdout.tpb")));
        assertEquals("etc.opened", BundleArtifacts.classifier(out, out.resolve("etc.opened.tpb")));
    }

    @Test
    void aBundleInASubdirectoryJoinsThePathWithDashes() {
        assertEquals("team-a-watch", BundleArtifacts.classifier(out, out.resolve("team-a").resolve("watch.tpb")));
    }

    @Test
    void aBundleOutsideTheOutputDirectoryIsNamedByItsFile() {
        assertEquals("elsewhere", BundleArtifacts.classifier(out, out.resolveSibling("other").resolve("elsewhere.tpb")));
    }

    @Test
    void relativeBundlePathsAreResolvedAgainstTheOutputDirectory() {
        List<BundleArtifacts.Attachment> a = BundleArtifacts.attachments(List.of(
                bundle("src/main/tetragon/a.yaml", "a", Path.of("a.tpb"), false),
                bundle("src/main/tetragon/b.yaml", "b", out.resolve("b.tpb"), true)), out);
        assertEquals(List.of("a", "b"), a.stream().map(BundleArtifacts.Attachment::classifier).toList());
        assertEquals(List.of(out.resolve("a.tpb"), out.resolve("b.tpb")), a.stream().map(BundleArtifacts.Attachment::file).toList());
        assertTrue(BundleArtifacts.clashes(a).isEmpty());
    }

    @Test
    void twoBundlesWithOneClassifierAreReportedWithTheirSources() {
        List<BundleArtifacts.Attachment> a = BundleArtifacts.attachments(List.of(
                bundle("src/main/tetragon/x/p.yaml", "p", out.resolve("p.tpb"), false),
                bundle("src/main/tetragon/y/p.yaml", "p", out.resolve("p.tpb"), false),
                bundle("src/main/tetragon/q.yaml", "q", out.resolve("q.tpb"), false)), out);
        assertEquals(Map.of("p", List.of("src/main/tetragon/x/p.yaml", "src/main/tetragon/y/p.yaml")), BundleArtifacts.clashes(a));
    }
}
