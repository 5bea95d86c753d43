package dev.tpc.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.diag.Diagnostic;
import dev.tpc.scenario.diag.ScenarioRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input: random mutations of the valid corpus, garbage, huge and deeply nested files. The
 * parser never throws, reports every problem as a finding with a position inside the file and in
 * its own words, and gives no model when a finding is an error.
 */
class RobustnessTest {
    private static final Path VALID = RepoRoot.corpus().resolve("valid");
    private static final Set<String> CODES = Arrays.stream(ScenarioRule.values()).map(ScenarioRule::code).collect(Collectors.toSet());
    /** ANTLR's own wording, which must never reach a user. */
    private static final List<String> ANTLR_WORDS = List.of("mismatched input", "no viable alternative", "extraneous input",
            "missing '", "token recognition error", "at input", "expecting {");
    private static final String[] PIECES = {"{", "}", "(", ")", "[", "]", "\"", "\\", "\\x", "\\xzz", ",", "|", "=", "==", ".",
            "-", "0x", "0b2", "09", "1_", "10q", "6.1.2.3", "expect", "expect ok", "call", "call x = ", "run", "step \"s\" {",
            "scenario \"x\" {", "policy \"nope.yaml\"", "setup {", "event", "no event process_kprobe", "self", "buffer(", "bytes(",
            "inet(\"1.2.3.4\", 99999)", "unix(\"\")", "args[", "args[99999999999999999999]", "matches \"(\"", "\u00e9", "\ud83d\ude00",
            "\t", "\r", "\n", "\u200b", "#", "${scratch}", "within 0ms", "count 0", "exists", "0o", "-9223372036854775809",
            "18446744073709551616"};

    static ParsedScenarios parse(String text) {
        return Scenarios.parse(ParseRequest.of(VALID.resolve("mutated.tps")).withShownAs("mutated.tps").withText(text));
    }

    /** What every outcome must satisfy. */
    static void wellFormed(String text, ParsedScenarios r) {
        int lines = r.source().lines().size();
        for (Diagnostic d : r.diagnostics()) {
            assertTrue(CODES.contains(d.code()), "a scenario code: " + d);
            assertFalse(d.message().isBlank(), "a message: " + d);
            for (String w : ANTLR_WORDS) {
                assertFalse(d.message().contains(w), "ANTLR's wording in " + d + "\nfor\n" + text);
            }
            if (d.span().hasPosition()) {
                assertTrue(d.span().line() >= 1 && d.span().line() <= Math.max(1, lines), "line inside the file: " + d);
                assertTrue(d.span().column() >= 1, "1-based column: " + d);
                assertTrue(d.span().endLine() > d.span().line() || d.span().endColumn() > d.span().column(), "a non-empty span: " + d);
            }
        }
        if (r.hasErrors()) {
            assertTrue(r.file().isEmpty(), "no model with errors");
        } else {
            assertTrue(r.file().isPresent(), "a model without errors");
        }
        r.renderText(false);
    }

    @Test
    void randomMutationsOfTheValidCorpusNeverThrow() throws IOException {
        Random random = new Random(20261128);
        int withErrors = 0;
        int total = 0;
        for (Path f : Goldens.list(VALID, ".tps")) {
            String original = Files.readString(f, StandardCharsets.UTF_8);
            for (int i = 0; i < 400; i++) {
                String text = mutate(original, random, 1 + random.nextInt(3));
                ParsedScenarios r = parse(text);
                wellFormed(text, r);
                total++;
                withErrors += r.hasErrors() ? 1 : 0;
            }
        }
        assertTrue(withErrors > total / 2, "most mutations break the file: " + withErrors + " of " + total);
    }

    private static String mutate(String s, Random random, int times) {
        StringBuilder b = new StringBuilder(s);
        for (int t = 0; t < times; t++) {
            int at = b.length() == 0 ? 0 : random.nextInt(b.length());
            switch (random.nextInt(6)) {
                case 0 -> b.delete(at, Math.min(b.length(), at + 1 + random.nextInt(12)));
                case 1 -> b.insert(at, PIECES[random.nextInt(PIECES.length)]);
                case 2 -> b.insert(at, " " + PIECES[random.nextInt(PIECES.length)] + " ");
                case 3 -> {
                    if (b.length() > 0) {
                        b.setCharAt(at, (char) (0x20 + random.nextInt(0x5f)));
                    }
                }
                case 4 -> b.setLength(at);
                default -> {
                    List<String> lines = new ArrayList<>(List.of(b.toString().split("\n", -1)));
                    int l = random.nextInt(lines.size());
                    lines.add(random.nextInt(lines.size() + 1), lines.get(l));
                    b.setLength(0);
                    b.append(String.join("\n", lines));
                }
            }
        }
        return b.toString();
    }

    @Test
    void garbageIsAFindingNotAnException(@TempDir Path dir) throws IOException {
        Random random = new Random(7);
        for (int i = 0; i < 50; i++) {
            byte[] bytes = new byte[1 + random.nextInt(2000)];
            random.nextBytes(bytes);
            Path f = dir.resolve("garbage" + i + ".tps");
            Files.write(f, bytes);
            ParsedScenarios r = Scenarios.parse(ParseRequest.of(f));
            assertTrue(r.hasErrors());
            wellFormed("(bytes)", r);
        }
        String printable = random.ints(5000, 0x20, 0x7f).mapToObj(c -> String.valueOf((char) c)).collect(Collectors.joining());
        wellFormed(printable, parse(printable));
    }

    @Test
    void deepNestingAndHugeFilesAreRefusedWithAFinding(@TempDir Path dir) throws IOException {
        // the grammar does not recurse: nesting is a syntax error at the first brace too many
        ParsedScenarios braces = parse("{".repeat(200_000));
        assertEquals(List.of("TS0001"), braces.diagnostics().stream().map(Diagnostic::code).toList());
        ParsedScenarios parens = parse("policy \"../policies/setuid-root-signal.yaml\"\nscenario \"s\" { step \"t\" { call read("
                + "(".repeat(100_000) + ") } }");
        assertEquals(List.of("TS0001"), parens.diagnostics().stream().map(Diagnostic::code).toList());

        Path huge = dir.resolve("huge.tps");
        Files.writeString(huge, "# " + "x".repeat(300 * 1024) + "\n");
        ParsedScenarios big = Scenarios.parse(ParseRequest.of(huge));
        assertEquals(List.of("TS0003"), big.diagnostics().stream().map(Diagnostic::code).toList());

        StringBuilder many = new StringBuilder("policy \"../policies/setuid-root-signal.yaml\"\n");
        for (int i = 0; i < 1000; i++) {
            many.append("scenario \"s").append(i).append("\" { step \"t\" { run \"/bin/true\" expect exit 0 } }\n");
        }
        ParsedScenarios scenarios = parse(many.toString());
        assertEquals(List.of("TS0005"), scenarios.diagnostics().stream().map(Diagnostic::code).toList(), "more than 256 scenarios");

        StringBuilder wrong = new StringBuilder("policy \"../policies/setuid-root-signal.yaml\"\nscenario \"s\" {\n");
        for (int i = 0; i < 250; i++) {
            wrong.append("  step \"t").append(i).append("\" { call lseek(0, 0, NOPE) expect exit 0 }\n");
        }
        ParsedScenarios findings = parse(wrong.append("}\n").toString());
        assertEquals(ParseRequest.Limits.DEFAULT.maxFindings() + 1, findings.diagnostics().size(), "findings are bounded");
        assertEquals("TS0005", findings.diagnostics().stream().filter(d -> d.code().equals("TS0005")).findFirst().orElseThrow().code());
        wellFormed("(many findings)", findings);

        String longString = "policy \"../policies/setuid-root-signal.yaml\"\nscenario \"s\" { step \"t\" { run \"" + "a".repeat(100_000)
                + "\" expect exit 0 } }\n";
        assertEquals(List.of("TS0005"), parse(longString).diagnostics().stream().map(Diagnostic::code).toList(), "a string over 64 KiB");
    }

    @Test
    void aByteOrderMarkAndCrLfLineEndsAreText() {
        String text = "\uFEFFpolicy \"../policies/setuid-root-signal.yaml\"\r\nscenario \"s\" {\r\n  step \"t\" { run \"/bin/true\" expect exitt 0 }\r\n}\r\n";
        ParsedScenarios r = parse(text);
        assertEquals(1, r.diagnostics().size(), r.renderText(false));
        Diagnostic d = r.diagnostics().get(0);
        assertEquals(3, d.span().line());
        assertEquals(37, d.span().column(), "columns count from 1, the byte-order mark is not a column");
        assertEquals("  step \"t\" { run \"/bin/true\" expect exitt 0 }", r.source().line(3), "no \\r in the shown line");
    }
}
