package dev.tpc.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.api.CompileReport;
import dev.tpc.api.CompileRequest;
import dev.tpc.api.Tpc;
import dev.tpc.target.Arch;
import dev.tpc.testing.RepoFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The readable entries of example bundles as golden files (compiler/src/test/golden/bundle):
 * a change to the loader config or the maps rendering shows up as a reviewed diff. Run with
 * -Dtpc.updateGoldens=true to rewrite them.
 */
class BundleGoldenTest {
    private static final String HOOK = "targets/6.12/hooks/0000/";

    @Test
    void loaderConfigAndMapsOfExamplesMatchTheirGoldens(@TempDir Path dir) throws Exception {
        // a tracepoint with a string filter and Sigkill; a uretprobe with a return filter
        for (String example : List.of("kill-cat-reading-shadow", "uprobe-readline-sudo")) {
            Path policy = RepoFiles.root().resolve("examples/policies/" + example + ".yaml");
            Path out = dir.resolve(example);
            CompileReport r = Tpc.compile(new CompileRequest(List.of(policy), List.of("6.12"), Arch.X86_64, out, List.of(),
                    false, Optional.empty(), out));
            assertEquals(1, r.bundles().size(), example + ": " + r.check().diagnostics().toList());
            Map<String, byte[]> entries = BundleArchive.read(Files.readAllBytes(r.bundles().get(0).file()));
            Path goldens = RepoFiles.root().resolve("compiler/src/test/golden/bundle");
            for (String entry : List.of("loader.json", "maps.json")) {
                String actual = new String(entries.get(HOOK + entry), StandardCharsets.UTF_8);
                Path golden = goldens.resolve(example + ".6.12." + entry);
                if (Boolean.getBoolean("tpc.updateGoldens")) {
                    Files.writeString(golden, actual, StandardCharsets.UTF_8);
                }
                assertTrue(Files.exists(golden), "missing golden " + golden);
                assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, entry + " of the bundle of " + example);
            }
        }
    }
}
