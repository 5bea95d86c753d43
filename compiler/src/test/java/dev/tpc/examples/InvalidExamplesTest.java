package dev.tpc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.api.CheckReport;
import dev.tpc.api.CheckRequest;
import dev.tpc.api.Tpc;
import dev.tpc.diag.Diagnostic;
import dev.tpc.diag.Rule;
import dev.tpc.diag.RuleCatalog;
import dev.tpc.target.Arch;
import dev.tpc.testing.RepoFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden tests over examples/invalid: each file's findings, rendered one per line, must equal its
 * .expected file. Run with -Dtpc.updateGoldens=true to rewrite the goldens (then review the diff).
 */
class InvalidExamplesTest {
    /**
     * Codes that no example file can produce: an unreadable file, a file over the size limit, bundles,
     * and the findings about --target and profile files (TP01xx), which dev.tpc.target's tests cover.
     */
    private static final Set<String> NOT_EXPRESSIBLE_AS_A_FILE = Set.of("TP0001", "TP0003",
            "TP0101", "TP0102", "TP0103", "TP0104", "TP0105");

    private static Path dir() {
        return RepoFiles.root().resolve("examples/invalid");
    }

    static List<Path> examples() throws IOException {
        try (Stream<Path> s = Files.list(dir())) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyExampleMatchesItsGolden() throws IOException {
        return examples().stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
    }

    private static void check(Path example) throws Exception {
        List<String> actual = render(example);
        Path golden = example.resolveSibling(example.getFileName().toString().replaceAll("\\.yaml$", ".expected"));
        if (Boolean.getBoolean("tpc.updateGoldens")) {
            Files.writeString(golden, String.join("\n", actual) + "\n", StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(golden), "missing golden " + golden.getFileName());
        List<String> expected = Files.readAllLines(golden, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        assertEquals(String.join("\n", expected), String.join("\n", actual), "findings of " + example.getFileName());
        String code = example.getFileName().toString().split("-", 2)[0];
        assertTrue(actual.stream().anyMatch(l -> l.split(" ")[1].equals(code)),
                example.getFileName() + " is named after " + code + " but does not produce it");
    }

    static List<String> render(Path example) throws Exception {
        List<String> firstLine = Files.readAllLines(example, StandardCharsets.UTF_8).stream().limit(1).toList();
        Arch arch = Arch.X86_64;
        List<String> targets = List.of();
        if (!firstLine.isEmpty() && firstLine.get(0).startsWith("# tpc-test:")) {
            String[] opts = firstLine.get(0).substring("# tpc-test:".length()).trim().split("\\s+");
            for (int i = 0; i + 1 < opts.length; i += 2) {
                switch (opts[i]) {
                    case "--arch" -> arch = Arch.parse(opts[i + 1]).orElseThrow();
                    case "--target" -> targets = List.of(opts[i + 1].split(","));
                    default -> throw new IllegalArgumentException("unknown tpc-test option " + opts[i]);
                }
            }
        }
        CheckReport report = Tpc.check(new CheckRequest(List.of(example), targets, arch, Optional.empty(), example.getParent()));
        List<String> lines = new ArrayList<>();
        report.diagnostics().sorted(Diagnostic.ORDER).forEach(d -> lines.add(line(d)));
        return lines;
    }

    static String line(Diagnostic d) {
        String where = d.span().hasPosition() ? d.span().line() + ":" + d.span().column() : "0:0";
        String targets = d.appliesToAllTargets() ? "" : " [targets: " + String.join(",", d.targets()) + "]";
        return where + " " + d.code() + " " + d.severity().label() + " " + d.message() + targets;
    }

    @Test
    void everyCodeHasAnExample() throws IOException {
        Set<String> covered = new TreeSet<>();
        for (Path p : examples()) {
            covered.add(p.getFileName().toString().split("-", 2)[0]);
        }
        List<String> missing = RuleCatalog.all().stream().map(Rule::code)
                .filter(c -> !covered.contains(c) && !NOT_EXPRESSIBLE_AS_A_FILE.contains(c) && !c.startsWith("TP9"))
                .toList();
        assertEquals(List.of(), missing, "codes without a failing example in examples/invalid");
    }
}
