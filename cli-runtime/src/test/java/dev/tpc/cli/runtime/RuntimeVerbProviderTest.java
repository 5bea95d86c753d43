package dev.tpc.cli.runtime;

import dev.tpc.testing.RepoFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.cli.InProcess;
import dev.tpc.cli.spi.VerbProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The runtime verbs reach the tpc command through ServiceLoader, and bin/tpc knows which verbs need this module. */
class RuntimeVerbProviderTest {
    private static List<String> providedVerbs() {
        return ServiceLoader.load(VerbProvider.class).stream()
                .flatMap(p -> p.get().commands().stream())
                .map(c -> new CommandLine(c).getCommandName())
                .toList();
    }

    @Test
    void theServiceEntryProvidesRunProbeAndDoctor() {
        assertEquals(List.of("run", "probe", "doctor", "test", "vmtest"), providedVerbs());
    }

    @Test
    void binTpcBuildsThisModuleForExactlyTheProvidedVerbs() throws Exception {
        Path script = RepoFiles.root().resolve("bin").resolve("tpc");
        Matcher m = Pattern.compile("(?m)^runtime_verbs=\\(([^)]*)\\)").matcher(Files.readString(script));
        assertTrue(m.find(), "bin/tpc declares runtime_verbs=(...)");
        assertEquals(providedVerbs(), List.of(m.group(1).trim().split("\\s+")));
    }

    @Test
    void aProvidedVerbRunsThroughTheCoreCommand() {
        InProcess.Run r = InProcess.run("doctor", "--help");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("Usage: tpc doctor"), r.out());
    }
}
