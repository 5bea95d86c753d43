package dev.tpc.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Golden files: compared, or rewritten with -Dtpc.updateGoldens=true (then review the diff). */
final class Goldens {
    private Goldens() {}

    static void check(Path golden, String actual) throws IOException {
        if (Boolean.getBoolean("tpc.updateGoldens")) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(golden), "missing golden " + golden + " (run with -Dtpc.updateGoldens=true to write it)");
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, "golden " + golden.getFileName());
    }

    /** The files of {@code dir} whose names end in {@code suffix}, sorted. */
    static List<Path> list(Path dir, String suffix) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
