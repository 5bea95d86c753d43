package dev.tpc.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.api.CheckReport;
import dev.tpc.api.CheckRequest;
import dev.tpc.api.Tpc;
import dev.tpc.target.Arch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextReportTest {
    private static String render(Path dir, String name, String yaml) throws Exception {
        Files.writeString(dir.resolve(name), yaml);
        CheckReport r = Tpc.check(new CheckRequest(List.of(Path.of(name)), List.of("6.1"), Arch.X86_64, Optional.empty(), dir));
        return ReportFormat.TEXT.render(r, false);
    }

    @Test
    void aDocumentWithoutKindIsNotCalledNull(@TempDir Path dir) throws Exception {
        String out = render(dir, "p.yaml", "apiVersion: cilium.io/v1alpha1\nmetadata:\n  name: nokind\nspec: {}\n");
        assertTrue(out.contains("p.yaml: document 1 \"nokind\": rejected on 6.1"), out);
    }

    @Test
    void aLongLineIsShownAroundTheFinding(@TempDir Path dir) throws Exception {
        String key = "\"bad key here\"";
        String yaml = "apiVersion: cilium.io/v1alpha1\nkind: TracingPolicy\nmetadata:\n  name: long\n"
                + "  annotations: {x: \"" + "a".repeat(5000) + "\", " + key + ": v}\nspec: {}\n";
        List<String> lines = render(dir, "p.yaml", yaml).lines().toList();
        int snippet = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("5 | ")) {
                snippet = i;
            }
        }
        assertTrue(snippet > 0, String.join("\n", lines));
        String source = lines.get(snippet);
        String carets = lines.get(snippet + 1);
        assertTrue(source.length() < 200, "the snippet is cut to a window: " + source.length() + " characters");
        assertTrue(source.contains("...") && source.contains(key), source);
        int caret = carets.indexOf('^');
        assertEquals(key, source.substring(caret, caret + key.length()), "the caret stays under the key");
    }

    @Test
    void controlCharactersFromThePolicyAreShownEscaped(@TempDir Path dir) throws Exception {
        // a double-quoted YAML string may hold any character; printed raw, ESC would drive the terminal
        String out = render(dir, "p.yaml", "apiVersion: cilium.io/v1alpha1\nkind: TracingPolicy\nmetadata:\n"
                + "  name: \"x\\e[2Jy\\0z\"\nspec: {}\n");
        assertTrue(out.contains("x\\u001b[2Jy\\u0000z"), out);
        assertTrue(out.chars().noneMatch(c -> c < 0x20 && c != '\n'), "no control character but line feeds");
    }
}
