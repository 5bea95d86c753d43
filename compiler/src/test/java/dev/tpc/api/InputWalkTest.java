package dev.tpc.api;

import dev.tpc.testing.Skip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.target.Arch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A directory walk reports what it cannot read instead of skipping it or giving up on the whole run. */
class InputWalkTest {
    private static final String GOOD = """
            apiVersion: cilium.io/v1alpha1
            kind: TracingPolicy
            metadata:
              name: p
            spec:
              kprobes:
              - call: sys_write
            """;

    private static CheckReport check(Path dir, String... inputs) throws InvalidRequestException {
        return Tpc.check(new CheckRequest(List.of(inputs).stream().map(Path::of).toList(), List.of(), Arch.X86_64,
                Optional.empty(), dir));
    }

    private static List<String> lines(CheckReport r) {
        return r.files().stream().map(f -> f.path() + " " + f.allDiagnostics().map(d -> d.code() + " " + d.message()).toList())
                .toList();
    }

    @Test
    void aBrokenLinkNamedLikeAPolicyIsReported(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("policies"));
        Files.writeString(dir.resolve("policies/good.yaml"), GOOD);
        Files.createSymbolicLink(dir.resolve("policies/gone.yaml"), dir.resolve("policies/missing.yaml"));
        Files.createSymbolicLink(dir.resolve("policies/notes.txt"), dir.resolve("policies/missing.txt"));
        CheckReport r = check(dir, "policies");
        assertEquals(List.of("policies/gone.yaml [TP0001 cannot read policies/gone.yaml: a symbolic link that leads nowhere (broken, or a loop)]",
                "policies/good.yaml []"), lines(r));
        assertTrue(r.hasErrors());
    }

    @Test
    void anExplicitBrokenLinkIsNamedAsSuch(@TempDir Path dir) throws IOException {
        Files.createSymbolicLink(dir.resolve("p.yaml"), dir.resolve("missing.yaml"));
        InvalidRequestException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidRequestException.class, () -> check(dir, "p.yaml"));
        assertEquals("p.yaml is a symbolic link that leads nowhere (broken, or a loop)", e.getMessage());
    }

    @Test
    void anUnlistableDirectoryIsAFindingAndTheRestIsChecked(@TempDir Path dir) throws Exception {
        if ("root".equals(System.getProperty("user.name"))) {
            Skip.because(Skip.Kind.ENVIRONMENT, "running as root, which reads a directory without permissions");
        }
        Files.createDirectories(dir.resolve("policies/locked"));
        Files.writeString(dir.resolve("policies/good.yaml"), GOOD);
        Files.setPosixFilePermissions(dir.resolve("policies/locked"), PosixFilePermissions.fromString("---------"));
        try {
            CheckReport r = check(dir, "policies");
            assertEquals(List.of("policies/good.yaml []",
                    "policies/locked [TP0001 cannot read policies/locked: permission denied]"), lines(r));
        } finally {
            Files.setPosixFilePermissions(dir.resolve("policies/locked"), PosixFilePermissions.fromString("rwx------"));
        }
    }
}
