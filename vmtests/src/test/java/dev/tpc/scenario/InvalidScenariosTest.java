package dev.tpc.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.diag.Diagnostic;
import dev.tpc.scenario.diag.ScenarioRule;
import dev.tpc.target.Arch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden tests over {@code invalid/}: each {@code TSxxxx-name.expected} is the text rendering
 * (source line, caret, hint) of the findings of {@code TSxxxx-name.tps}, which must include code
 * TSxxxx; every code has one. A first line {@code # tps-test: --max-bytes N --max-scenarios N
 * --max-findings N --arch A} sets the request; a golden without its .tps is about a missing file.
 */
class InvalidScenariosTest {
    private static final Path DIR = RepoRoot.corpus().resolve("invalid");

    static ParsedScenarios parse(Path tps) throws IOException {
        ParseRequest request = ParseRequest.of(tps).withShownAs(tps.getFileName().toString());
        if (Files.isRegularFile(tps)) {
            List<String> first = Files.readAllLines(tps, StandardCharsets.ISO_8859_1).stream().limit(1).toList();
            if (!first.isEmpty() && first.get(0).startsWith("# tps-test:")) {
                String[] opts = first.get(0).substring("# tps-test:".length()).trim().split("\\s+");
                ParseRequest.Limits limits = ParseRequest.Limits.DEFAULT;
                for (int i = 0; i + 1 < opts.length; i += 2) {
                    String v = opts[i + 1];
                    switch (opts[i]) {
                        case "--max-bytes" -> limits = limits.withMaxBytes(Integer.parseInt(v));
                        case "--max-scenarios" -> limits = limits.withMaxScenarios(Integer.parseInt(v));
                        case "--max-steps" -> limits = limits.withMaxSteps(Integer.parseInt(v));
                        case "--max-items" -> limits = limits.withMaxItems(Integer.parseInt(v));
                        case "--max-findings" -> limits = limits.withMaxFindings(Integer.parseInt(v));
                        case "--arch" -> request = request.withArch(Arch.parse(v).orElseThrow());
                        default -> throw new IllegalArgumentException("unknown tps-test option " + opts[i]);
                    }
                }
                request = request.withLimits(limits);
            }
        }
        return Scenarios.parse(request);
    }

    @TestFactory
    Stream<DynamicTest> everyInvalidFileMatchesItsGolden() {
        List<String> bases = examples();
        assertFalse(bases.isEmpty(), "no examples in " + DIR);
        return bases.stream().map(base -> DynamicTest.dynamicTest(base, () -> {
            ParsedScenarios r = parse(DIR.resolve(base + ".tps"));
            Goldens.check(DIR.resolve(base + ".expected"), r.renderText(false));
            String code = base.split("-", 2)[0];
            assertTrue(r.diagnostics().stream().anyMatch(d -> d.code().equals(code)), base + " does not produce " + code);
            if (r.hasErrors()) {
                assertTrue(r.file().isEmpty(), "no model for a file with errors");
            }
            for (Diagnostic d : r.diagnostics()) {
                assertTrue(!d.span().hasPosition() || d.span().line() <= r.source().lines().size(), "position inside the file: " + d);
            }
        }));
    }

    /** The examples by base name: every .tps, and every .expected (one without its .tps is about a missing file). */
    static List<String> examples() {
        Set<String> bases = new TreeSet<>();
        for (Path p : Goldens.list(DIR, ".tps")) {
            bases.add(p.getFileName().toString().replaceAll("\\.tps$", ""));
        }
        for (Path p : Goldens.list(DIR, ".expected")) {
            bases.add(p.getFileName().toString().replaceAll("\\.expected$", ""));
        }
        return List.copyOf(bases);
    }

    @Test
    void everyCodeHasAGolden() {
        Set<String> covered = new TreeSet<>();
        for (String base : examples()) {
            if (Files.exists(DIR.resolve(base + ".expected"))) {
                covered.add(base.split("-", 2)[0]);
            }
        }
        List<String> missing = Arrays.stream(ScenarioRule.values()).map(ScenarioRule::code).filter(c -> !covered.contains(c)).toList();
        assertEquals(List.of(), missing, "codes without a golden example in " + DIR);
    }
}
