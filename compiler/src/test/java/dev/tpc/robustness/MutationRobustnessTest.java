package dev.tpc.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.target.Arch;
import dev.tpc.target.TargetProfiles;
import dev.tpc.target.Targets;
import dev.tpc.testing.SharedData;
import dev.tpc.validate.DocumentVerdict;
import dev.tpc.validate.PolicyValidator;
import dev.tpc.yaml.ParsedFile;
import dev.tpc.yaml.YamlDocument;
import dev.tpc.yaml.YamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Feeds mutated corpus files to the checker until 10,000 mutated documents have been judged (mutants
 * whose YAML no longer parses count as findings of the reader, not as documents). Every one must end with a result: no
 * exception escapes, and every document read gets a verdict. The seed is fixed so a failure can
 * be replayed; set -Dtpc.mutation.seed to explore other inputs.
 */
class MutationRobustnessTest {
    private static final int DOCUMENTS = 10_000;

    @Test
    void tenThousandMutatedDocumentsAllEndWithAResult() throws IOException {
        Path corpus = SharedData.require().resolve("corpus/upstream");
        List<String> originals;
        try (Stream<Path> files = Files.walk(corpus)) {
            originals = files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().map(MutationRobustnessTest::read).toList();
        }
        assertFalse(originals.isEmpty());
        long seed = Long.getLong("tpc.mutation.seed", 20261128L);
        Mutator mutator = new Mutator(seed);
        YamlReader reader = new YamlReader();
        PolicyValidator validator = new PolicyValidator(new Targets(
                List.of(TargetProfiles.named("5.10").orElseThrow(), TargetProfiles.named("7.2").orElseThrow()), Arch.X86_64));
        int documents = 0;
        int diagnostics = 0;
        int mutants = 0;
        for (int i = 0; documents < DOCUMENTS && i < 10 * DOCUMENTS; i++) {
            mutants++;
            String mutated = mutator.mutate(originals.get(i % originals.size()));
            ParsedFile parsed;
            try {
                parsed = reader.readText(mutated, "mutant-" + i + ".yaml");
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("reader threw on mutant " + i + " (seed " + seed + "):\n" + mutated, e);
            }
            diagnostics += parsed.diagnostics().size();
            if (parsed.documents().isEmpty() && parsed.diagnostics().isEmpty()) {
                // only an empty stream may end without a document or a finding (the front door then
                // reports the file as empty)
                boolean blank = mutated.lines().allMatch(l -> l.isBlank() || l.stripLeading().startsWith("#") || l.strip().equals("---"));
                if (!blank) {
                    throw new AssertionError("mutant " + i + " produced neither a document nor a finding:\n" + mutated);
                }
            }
            for (YamlDocument doc : parsed.documents()) {
                DocumentVerdict v;
                try {
                    v = validator.validate(doc);
                } catch (RuntimeException | StackOverflowError e) {
                    throw new AssertionError("validator threw on mutant " + i + " (seed " + seed + "):\n" + mutated, e);
                }
                assertNotNull(v.accepted());
                assertEquals(2, v.accepted().size());
                documents++;
                diagnostics += v.diagnostics().size();
            }
        }
        System.out.printf("mutation run: %d mutants, %d documents judged, %d findings (seed %d)%n",
                mutants, documents, diagnostics, seed);
        assertTrue(documents >= DOCUMENTS, "the mutants should yield " + DOCUMENTS + " documents to judge");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
