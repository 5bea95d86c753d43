package dev.tpc.yaml;

import dev.tpc.testing.Skip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.diag.Diagnostic;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Inputs that are not regular, readable files end with TP0001 and a reason a user understands. */
class UnreadableInputTest {
    private final YamlReader reader = new YamlReader();

    private static Diagnostic only(ParsedFile f) {
        assertEquals(1, f.diagnostics().size(), f.diagnostics().toString());
        return f.diagnostics().get(0);
    }

    @Test
    // the timeout turns a reader that blocks on the FIFO into a failure instead of a hung build
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aFifoIsNotOpenedButReported(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("policy.yaml");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        } catch (IOException e) {
            Skip.because(Skip.Kind.ENVIRONMENT, "no mkfifo on this machine (" + e.getMessage() + ")");
            return;
        }
        assertEquals(0, mkfifo.waitFor());
        Diagnostic d = only(reader.read(fifo, "policy.yaml"));
        assertEquals("TP0001", d.code());
        assertEquals("cannot read policy.yaml: not a regular file", d.message());
    }

    @Test
    void aDirectoryIsNotARegularFile(@TempDir Path dir) {
        Diagnostic d = only(reader.read(dir, "policies"));
        assertEquals("cannot read policies: a directory", d.message());
    }

    @Test
    void aSymbolicLinkLoopIsNamedAsSuch(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a.yaml");
        Path b = dir.resolve("b.yaml");
        Files.createSymbolicLink(a, b);
        Files.createSymbolicLink(b, a);
        Diagnostic d = only(reader.read(a, "a.yaml"));
        assertEquals("cannot read a.yaml: a symbolic link that leads nowhere (broken, or a loop)", d.message());
    }

    @Test
    void exceptionsBecomeReasons() {
        assertEquals("permission denied", YamlReader.whyUnreadable(new AccessDeniedException("/x/p.yaml")));
        assertEquals("no such file", YamlReader.whyUnreadable(new NoSuchFileException("/x/p.yaml")));
        assertEquals("a symbolic link loop", YamlReader.whyUnreadable(new FileSystemLoopException("/x")));
        assertTrue(YamlReader.whyUnreadable(new IOException("Input/output error")).contains("Input/output error"));
    }
}
