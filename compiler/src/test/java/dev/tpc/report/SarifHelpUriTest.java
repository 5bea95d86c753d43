package dev.tpc.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tpc.api.CheckReport;
import dev.tpc.api.ToolInfo;
import dev.tpc.target.Arch;
import dev.tpc.testing.RepoFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every rule's SARIF helpUri names a file and an anchor that docs/diagnostics.md has. */
class SarifHelpUriTest {
    /** The anchor GitHub (and most Markdown renderers) derive from a heading's text. */
    static String slug(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    @Test
    void everyHelpUriLeadsToAHeading() throws Exception {
        Set<String> anchors = new HashSet<>();
        for (String line : Files.readAllLines(RepoFiles.root().resolve("docs/diagnostics.md"), StandardCharsets.UTF_8)) {
            if (line.startsWith("#")) {
                anchors.add(slug(line.replaceFirst("^#+", "")));
            }
        }
        CheckReport empty = new CheckReport(ToolInfo.current(), List.of("6.1"), Arch.X86_64, List.of(), 0);
        JsonNode sarif = JsonMapper.builder().build().readTree(ReportFormat.SARIF.render(empty, false));
        List<String> broken = new ArrayList<>();
        int rules = 0;
        for (JsonNode rule : sarif.path("runs").get(0).path("tool").path("driver").path("rules")) {
            rules++;
            String uri = rule.path("helpUri").asString();
            String[] parts = uri.split("#", 2);
            if (parts.length != 2 || !Files.isRegularFile(RepoFiles.root().resolve(parts[0])) || !anchors.contains(parts[1])) {
                broken.add(rule.path("id").asString() + " -> " + uri);
            }
        }
        assertFalse(rules == 0, "the SARIF run lists the rules");
        assertEquals(List.of(), broken);
    }
}
