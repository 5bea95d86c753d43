package dev.tpc.api;

import dev.tpc.testing.Skip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.diag.Diagnostic;
import dev.tpc.target.Arch;
import dev.tpc.testing.RepoFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Usage mistakes name the request field they are about and say what is wrong with the path, in
 * the words of the OS, instead of repeating the path.
 */
class RequestProblemsTest {
    private static final Path POLICY = RepoFiles.root().resolve("examples/policies/write-to-stdout.yaml");

    private static InvalidRequestException explainFails(Path file, Path dir) {
        return assertThrows(InvalidRequestException.class,
                () -> Tpc.explain(new ExplainRequest(file, Optional.empty(), Arch.X86_64, List.of(), dir)));
    }

    private static InvalidRequestException checkFails(CheckRequest request) {
        return assertThrows(InvalidRequestException.class, () -> Tpc.check(request));
    }

    private static CompileRequest compileTo(Path out, Path dir) {
        return new CompileRequest(List.of(POLICY), List.of("6.12"), Arch.X86_64, out, List.of(), false, Optional.empty(), dir);
    }

    @Test
    void explainSaysWhatAPathThatIsNoFileIs(@TempDir Path dir) throws Exception {
        InvalidRequestException folder = explainFails(dir, dir);
        assertEquals(InvalidRequestException.Field.FILE, folder.field());
        assertEquals(dir + " is a directory, not a bundle or a policy file", folder.getMessage());

        InvalidRequestException missing = explainFails(Path.of("missing.tpb"), dir);
        assertEquals("no such file: missing.tpb", missing.getMessage());

        Path fifo = dir.resolve("pipe");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (java.io.IOException e) {
            Skip.because(Skip.Kind.ENVIRONMENT, "no mkfifo here to make a FIFO: " + e.getMessage());
            return;
        }
        assertEquals(0, mkfifo.waitFor());
        assertEquals(fifo + " is a FIFO (named pipe), not a bundle or a policy file", explainFails(fifo, dir).getMessage());
    }

    @Test
    void aBaselineProblemGivesTheReasonNotThePathAgain(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.json");
        InvalidRequestException e = checkFails(new CheckRequest(List.of(POLICY), List.of(), Arch.X86_64, Optional.of(missing), dir));
        assertEquals(InvalidRequestException.Field.BASELINE, e.field());
        assertEquals("cannot read baseline " + missing + ": no such file or directory", e.getMessage());

        Path folder = Files.createDirectory(dir.resolve("folder.json"));
        assertEquals("cannot read baseline " + folder + ": is a directory",
                checkFails(new CheckRequest(List.of(POLICY), List.of(), Arch.X86_64, Optional.of(folder), dir)).getMessage());

        Path broken = Files.writeString(dir.resolve("broken.json"), "{\n  x");
        String notJson = checkFails(new CheckRequest(List.of(POLICY), List.of(), Arch.X86_64, Optional.of(broken), dir)).getMessage();
        assertTrue(notJson.startsWith("cannot read baseline " + broken + ": not JSON at 2:3: "), notJson);
        assertFalse(notJson.contains("REDACTED"), notJson);
    }

    @Test
    void everyUsageMistakeNamesItsField(@TempDir Path dir) throws Exception {
        assertEquals(InvalidRequestException.Field.INPUTS,
                checkFails(new CheckRequest(List.of(dir.resolve("none.yaml")), List.of(), Arch.X86_64, Optional.empty(), dir)).field());
        assertEquals(InvalidRequestException.Field.TARGETS,
                checkFails(new CheckRequest(List.of(POLICY), List.of("4.19"), Arch.X86_64, Optional.empty(), dir)).field());
        assertEquals(InvalidRequestException.Field.TRACEPOINT_FORMATS, checkFails(new CheckRequest(List.of(POLICY), List.of(),
                Arch.X86_64, List.of(dir.resolve("none")), Optional.empty(), dir)).field());
    }

    @Test
    void anOutputDirectoryThatIsAFileIsAUsageMistake(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("out"), "");
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> Tpc.compile(compileTo(file, dir)));
        assertEquals(InvalidRequestException.Field.OUTPUT_DIRECTORY, e.field());
        assertEquals("the output directory " + file + " is a regular file", e.getMessage());
        InvalidRequestException below = assertThrows(InvalidRequestException.class,
                () -> Tpc.compile(compileTo(file.resolve("bundles"), dir)));
        assertEquals("the output directory " + file.resolve("bundles") + " cannot be created: " + file + " is a regular file",
                below.getMessage());
    }

    @Test
    void aBundleThatCannotBeWrittenSaysWhy(@TempDir Path dir) throws Exception {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc.resolve("self"))) {
            Skip.because(Skip.Kind.ENVIRONMENT, "no procfs here, where no folder can be created");
        }
        CompileReport r = Tpc.compile(compileTo(proc.resolve("nope"), dir));
        List<Diagnostic> failed = r.check().diagnostics().filter(d -> d.code().equals("TP9004")).toList();
        assertEquals(1, failed.size(), r.check().diagnostics().toList().toString());
        assertEquals("cannot write /proc/nope/write-to-stdout.tpb: /proc/nope: no such file or directory", failed.get(0).message());
    }
}
