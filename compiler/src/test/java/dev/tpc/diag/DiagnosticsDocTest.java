package dev.tpc.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.testing.RepoFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/diagnostics.md against the rule catalog: one section per code, headed by the code alone
 * (so that its anchor is the code, as SARIF's helpUri links it), with the rule's severity, an
 * example and a fix; and the findings it quotes from examples/invalid equal their goldens.
 */
class DiagnosticsDocTest {
    private static final Pattern HEADING = Pattern.compile("^### (TP\\d{4})$", Pattern.MULTILINE);
    private static final Pattern QUOTED = Pattern.compile(
            "Example \\(`examples/invalid/([^`]+\\.yaml)`[^\\n]*\\n(?s:.*?)^tpc reports at (\\d+:\\d+): (.+)$", Pattern.MULTILINE);

    private static final Pattern TARGETS = Pattern.compile(" Targets where it applies: (.+)\\.$");

    private static Map<String, String> sections() throws IOException {
        String doc = Files.readString(RepoFiles.root().resolve("docs/diagnostics.md"), StandardCharsets.UTF_8);
        Map<String, String> sections = new LinkedHashMap<>();
        Matcher m = HEADING.matcher(doc);
        List<int[]> starts = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        while (m.find()) {
            starts.add(new int[] {m.start(), m.end()});
            codes.add(m.group(1));
        }
        for (int i = 0; i < codes.size(); i++) {
            int end = i + 1 < codes.size() ? starts.get(i + 1)[0] : doc.length();
            String body = doc.substring(starts.get(i)[1], end);
            int nextPart = body.indexOf("\n## ");
            String previous = sections.put(codes.get(i), nextPart >= 0 ? body.substring(0, nextPart) : body);
            assertEquals(null, previous, "two sections for " + codes.get(i));
        }
        return sections;
    }

    @Test
    void everyCodeHasASectionWithItsSeverityAnExampleAndAFix() throws IOException {
        Map<String, String> sections = sections();
        List<String> problems = new ArrayList<>();
        for (Rule r : RuleCatalog.all()) {
            String body = sections.get(r.code());
            if (body == null) {
                problems.add(r.code() + ": no heading '### " + r.code() + "'");
                continue;
            }
            if (!body.strip().startsWith("**" + r.severity().label() + "**:")) {
                problems.add(r.code() + ": does not start with **" + r.severity().label() + "**:");
            }
            if (!body.contains("```")) {
                problems.add(r.code() + ": no example");
            }
            if (!body.contains("Fix:")) {
                problems.add(r.code() + ": no fix");
            }
        }
        for (String documented : sections.keySet()) {
            if (RuleCatalog.find(documented).isEmpty()) {
                problems.add(documented + ": documented, but no rule has this code");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void quotedFindingsEqualTheExamplesGoldens() throws IOException {
        Map<String, String> sections = sections();
        Path examples = RepoFiles.root().resolve("examples/invalid");
        int compared = 0;
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, String> s : sections.entrySet()) {
            Matcher m = QUOTED.matcher(s.getValue());
            while (m.find()) {
                Path golden = examples.resolve(m.group(1).replaceAll("\\.yaml$", ".expected"));
                List<String> expected = Files.readAllLines(golden, StandardCharsets.UTF_8);
                String prefix = m.group(2) + " " + s.getKey() + " ";
                String message = m.group(3);
                // TP4xxx sections add the targets in words; goldens write them as [targets: a,b], none for all
                Matcher targets = TARGETS.matcher(message);
                if (targets.find()) {
                    String listed = targets.group(1).replace(" ", "");
                    message = message.substring(0, targets.start())
                            + (listed.equals(String.join(",", dev.tpc.target.TargetProfiles.names())) ? "" : " [targets: " + listed + "]");
                }
                String quoted = message;
                boolean found = expected.stream().anyMatch(l -> l.startsWith(prefix) && l.endsWith(" " + quoted));
                if (!found) {
                    stale.add(s.getKey() + ": docs say \"" + m.group(2) + ": " + message + "\", " + golden.getFileName() + " has " + expected);
                }
                compared++;
            }
        }
        assertTrue(compared > 100, "the pattern should find the quoted findings; found " + compared);
        assertEquals(List.of(), stale);
    }
}
