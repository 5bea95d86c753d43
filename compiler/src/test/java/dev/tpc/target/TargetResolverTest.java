package dev.tpc.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetResolverTest {
    @TempDir Path dir;

    @Test
    void noOptionMeansEveryNamedProfile() {
        TargetResolution r = new TargetResolver(dir).resolve(null, Arch.X86_64);
        assertEquals(List.of("5.10", "6.1", "6.12", "7.2"), r.targets().orElseThrow().names());
        assertEquals(Arch.X86_64, r.targets().orElseThrow().arch());
    }

    @Test
    void mixesNamesAndFilesInTheGivenOrder() throws IOException {
        Files.writeString(dir.resolve("node.yaml"), """
                format: 1
                name: node-a
                kernel: {version: "6.6.30"}
                arch: x86_64
                features: {kprobe_multi: true}
                limits: {string_match_max_length: 4096}
                """);
        TargetResolution r = new TargetResolver(dir).resolve("6.12, node.yaml,5.10", Arch.ARM64);
        assertEquals(List.of(), r.diagnostics());
        Targets t = r.targets().orElseThrow();
        assertEquals(List.of("6.12", "node-a", "5.10"), t.names());
        assertEquals(Arch.ARM64, t.arch());
    }

    @Test
    void anUnknownNameIsADiagnosticThatListsTheNames() {
        TargetResolution r = new TargetResolver(dir).resolve("6.1,5.15", Arch.X86_64);
        assertTrue(r.targets().isEmpty());
        assertEquals(1, r.diagnostics().size());
        assertEquals("TP0101", r.diagnostics().get(0).code());
        assertTrue(r.diagnostics().get(0).hint().contains("5.10, 6.1, 6.12, 7.2"));
    }

    @Test
    void aBrokenFileFailsTheResolutionWithItsOwnPositions() throws IOException {
        Files.writeString(dir.resolve("bad.yaml"), "format: 1\nname: x\nkernel: {version: 6.1}\narch: x86_64\nfeatures: {}\nlimits: {string_match_max_length: 7}\n");
        TargetResolution r = new TargetResolver(dir).resolve("bad.yaml", Arch.X86_64);
        assertTrue(r.targets().isEmpty());
        assertEquals("bad.yaml", r.diagnostics().get(0).span().file());
        assertEquals(6, r.diagnostics().get(0).span().line());
    }

    @Test
    void theSameTargetTwiceIsAnError() {
        TargetResolution r = new TargetResolver(dir).resolve("6.1,6.1", Arch.X86_64);
        assertTrue(r.targets().isEmpty());
        assertEquals("TP0104", r.diagnostics().get(0).code());
    }
}
