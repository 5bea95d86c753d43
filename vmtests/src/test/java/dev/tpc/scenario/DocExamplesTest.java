package dev.tpc.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.diag.Severity;
import dev.tpc.scenario.diag.ScenarioRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * docs/scenarios.md stays true: every fenced {@code tps} example parses without a finding (as a
 * file of examples/scenarios/, so that ../policies/ names examples/policies/), and the codes
 * section has one heading per code, with its severity and an example that yields the code.
 */
class DocExamplesTest {
    private static final Path DOC = RepoRoot.get().resolve("docs/scenarios.md");
    private static final Path AS_IF = RepoRoot.get().resolve("examples/scenarios/doc-example.tps");
    private static final Pattern FENCE = Pattern.compile("^```(tps|tps-invalid)\\n(.*?)^```$", Pattern.MULTILINE | Pattern.DOTALL);
    private static final Pattern HEADING = Pattern.compile("^### (TS\\d{4})$", Pattern.MULTILINE);
    /** Codes whose example is a file the page cannot hold (binary, huge, missing): the section names the golden instead. */
    private static final Set<String> NAMED_ONLY = Set.of("TS0002", "TS0003", "TS0004");

    private static String doc() throws IOException {
        return Files.readString(DOC, StandardCharsets.UTF_8);
    }

    private static ParsedScenarios parse(String text, ParseRequest.Limits limits) {
        return Scenarios.parse(ParseRequest.of(AS_IF).withShownAs("doc-example.tps").withText(text).withLimits(limits));
    }

    @TestFactory
    Stream<DynamicTest> everyTpsExampleParsesWithoutAFinding() throws IOException {
        List<String> examples = new ArrayList<>();
        Matcher m = FENCE.matcher(doc());
        while (m.find()) {
            if (m.group(1).equals("tps")) {
                examples.add(m.group(2));
            }
        }
        assertFalse(examples.isEmpty(), "docs/scenarios.md has no ```tps example");
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            String text = examples.get(i);
            String first = text.lines().filter(l -> l.startsWith("scenario ")).findFirst().orElse("example " + (i + 1));
            tests.add(DynamicTest.dynamicTest((i + 1) + ": " + first, () -> {
                ParsedScenarios r = parse(text, ParseRequest.Limits.DEFAULT);
                assertEquals("", r.renderText(false), "findings in the example:\n" + text);
                assertTrue(r.file().isPresent());
            }));
        }
        return tests.stream();
    }

    private static Map<String, String> sections() throws IOException {
        String doc = doc();
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = HEADING.matcher(doc);
        List<Integer> starts = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        while (m.find()) {
            starts.add(m.end());
            codes.add(m.group(1));
        }
        for (int i = 0; i < codes.size(); i++) {
            int end = i + 1 < codes.size() ? doc.lastIndexOf("\n###", doc.indexOf("### " + codes.get(i + 1), starts.get(i))) : doc.length();
            assertEquals(null, out.put(codes.get(i), doc.substring(starts.get(i), end)), "two sections for " + codes.get(i));
        }
        return out;
    }

    @Test
    void everyCodeHasASectionWithItsSeverityAndAnExampleThatYieldsIt() throws IOException {
        Map<String, String> sections = sections();
        List<String> problems = new ArrayList<>();
        for (ScenarioRule rule : ScenarioRule.values()) {
            String body = sections.get(rule.code());
            if (body == null) {
                problems.add(rule.code() + ": no heading");
                continue;
            }
            if (!body.strip().startsWith("**" + rule.severity().label() + "**:")) {
                problems.add(rule.code() + ": does not start with **" + rule.severity().label() + "**:");
            }
            if (NAMED_ONLY.contains(rule.code())) {
                if (!body.contains("invalid/" + rule.code() + "-")) {
                    problems.add(rule.code() + ": does not name its golden example");
                }
                continue;
            }
            Matcher m = FENCE.matcher(body);
            if (!m.find() || !m.group(1).equals("tps-invalid")) {
                problems.add(rule.code() + ": no ```tps-invalid example");
                continue;
            }
            ParseRequest.Limits limits = rule == ScenarioRule.LIMIT
                    ? ParseRequest.Limits.DEFAULT.withMaxStringBytes(16) : ParseRequest.Limits.DEFAULT;
            ParsedScenarios r = parse(m.group(2), limits);
            if (r.diagnostics().stream().noneMatch(d -> d.code().equals(rule.code()))) {
                problems.add(rule.code() + ": the example does not yield it:\n" + r.renderText(false));
            }
            if (rule.severity() == Severity.ERROR && r.file().isPresent()) {
                problems.add(rule.code() + ": the example still gives a model");
            }
        }
        for (String documented : sections.keySet()) {
            if (Arrays.stream(ScenarioRule.values()).noneMatch(r -> r.code().equals(documented))) {
                problems.add(documented + ": documented, but no rule has this code");
            }
        }
        assertEquals(List.of(), problems);
    }
}
