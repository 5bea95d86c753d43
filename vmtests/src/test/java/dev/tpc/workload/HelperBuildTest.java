package dev.tpc.workload;

import dev.tpc.testing.RepoFiles;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The helper is built reproducibly: the same sources give the same bytes, wherever they are checked out. */
class HelperBuildTest {
    @TempDir
    Path dir;

    @Test
    void twoBuildsFromDifferentCheckoutsGiveTheShippedBytes() throws Exception {
        WorkloadTestSupport.requireGcc();
        Path sources = RepoFiles.root().resolve("vmtests/src/main/c");
        if (!Files.isRegularFile(sources.resolve("build.sh"))) {
            WorkloadTestSupport.skip("the helper's sources are not at " + sources);
        }
        Path elsewhere = Files.createDirectories(dir.resolve("another/checkout/of/the/c"));
        try (var files = Files.list(sources)) {
            for (Path f : files.toList()) {
                Files.copy(f, elsewhere.resolve(f.getFileName()));
            }
        }
        byte[] a = build(sources, dir.resolve("a"));
        byte[] b = build(elsewhere, dir.resolve("b"));
        assertArrayEquals(a, b, "two builds differ");
        try (InputStream shipped = getClass().getClassLoader().getResourceAsStream(HelperBinary.resourceName())) {
            if (shipped == null) {
                WorkloadTestSupport.skip("this build has no " + HelperBinary.resourceName());
            }
            assertArrayEquals(a, shipped.readAllBytes(), "the shipped helper is not the one these sources build");
        }
        String elf = new String(a, StandardCharsets.ISO_8859_1);
        assertTrue(elf.startsWith("\u007fELF"));
        assertTrue(!elf.contains(sources.toString()) && !elf.contains(elsewhere.toString()), "a build path is in the binary");
        assertTrue(!elf.contains(".note.gnu.build-id"), "a build id is in the binary");
        assertTrue(!elf.contains("/lib64/ld-linux"), "the helper is not static");
    }

    @Test
    void withoutACompilerOrAStaticLibcTheBuildFailsAndSaysWhatToInstall() throws Exception {
        Path sources = RepoFiles.root().resolve("vmtests/src/main/c");
        Path fake = dir.resolve("fake-gcc");
        Files.writeString(fake, "#!/bin/sh\necho '/usr/bin/ld: cannot find -lc: No such file or directory' >&2\nexit 1\n");
        fake.toFile().setExecutable(true);
        String noCc = failedBuild(sources, dir.resolve("none"), dir.resolve("no-such-cc").toString());
        assertTrue(noCc.contains("install gcc and libc6-dev"), noCc);
        String noLibc = failedBuild(sources, dir.resolve("nolibc"), fake.toString());
        assertTrue(noLibc.contains("apt-get install libc6-dev"), noLibc);
    }

    private static String failedBuild(Path sources, Path out, String cc) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of("sh", sources.resolve("build.sh").toString(), out.toString()))
                .redirectErrorStream(true);
        pb.environment().put("CC", cc);
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), log);
        return log;
    }

    private static byte[] build(Path sources, Path out) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("sh", sources.resolve("build.sh").toString(), out.toString()))
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), log);
        return Files.readAllBytes(out.resolve("tpc-workload." + HelperBinary.machine()));
    }
}
