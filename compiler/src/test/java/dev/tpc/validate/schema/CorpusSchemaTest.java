package dev.tpc.validate.schema;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.diag.Diagnostic;
import dev.tpc.diag.Severity;
import dev.tpc.model.TracingPolicy;
import dev.tpc.testing.SharedData;
import dev.tpc.validate.PolicyValidator;
import dev.tpc.yaml.MappingNode;
import dev.tpc.yaml.ParsedFile;
import dev.tpc.yaml.ScalarNode;
import dev.tpc.yaml.YamlDocument;
import dev.tpc.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Acceptance on Tetragon's own corpus: every upstream policy reads and binds; every policy that
 * Tetragon refused while parsing gets an error from the parse, schema or CEL layers; no policy
 * that got past Tetragon's parse stage gets a schema or CEL error.
 */
class CorpusSchemaTest {
    private final SchemaValidator validator = new SchemaValidator();

    /** Errors of the reader and of layers a and b for a file. */
    private List<Diagnostic> errors(Path corpus, String file) {
        ParsedFile parsed = new YamlReader().read(corpus.resolve(file), file);
        List<Diagnostic> out = new ArrayList<>(parsed.diagnostics());
        for (YamlDocument doc : parsed.documents()) {
            if (doc.root() instanceof MappingNode map) {
                String kind = map.get("kind").filter(ScalarNode.class::isInstance)
                        .map(n -> ((ScalarNode) n).keyText()).orElse(null);
                TracingPolicy.from(map);
                if (kind == null || PolicyValidator.POLICY_KINDS.contains(kind)) {
                    SchemaOutcome outcome = validator.validate(map, kind);
                    out.addAll(outcome.diagnostics());
                }
            }
        }
        return out.stream().filter(d -> d.severity() == Severity.ERROR).toList();
    }

    @Test
    void matchesTetragonsParseStageOnTheCorpus() throws IOException {
        Path shared = SharedData.require();
        Path corpus = shared.resolve("corpus/upstream");
        Map<String, String> parseErrors = new TreeMap<>();
        Map<String, Boolean> pastParse = new TreeMap<>();
        JsonMapper json = JsonMapper.builder().build();
        for (String line : Files.readAllLines(shared.resolve("corpus/verdicts.jsonl"))) {
            if (line.isBlank()) continue;
            JsonNode v = json.readTree(line);
            String file = v.get("file").asString();
            if ("parse".equals(v.path("stage").asString(""))) {
                parseErrors.put(file, v.get("error").asString());
            } else {
                pastParse.put(file, true);
            }
        }
        List<String> files;
        try (Stream<Path> walk = Files.walk(corpus)) {
            files = walk.filter(f -> f.toString().endsWith(".yaml")).map(f -> corpus.relativize(f).toString()).sorted().toList();
        }
        List<String> problems = new ArrayList<>();
        int refusedChecked = 0;
        int acceptedChecked = 0;
        for (String file : files) {
            List<Diagnostic> errors = errors(corpus, file);
            String refusal = parseErrors.get(file);
            if (refusal != null) {
                if (refusal.startsWith("unknown CRD kind")) {
                    continue; // another kind: the lead's document layer handles it
                }
                refusedChecked++;
                if (errors.isEmpty()) {
                    problems.add(file + ": Tetragon refused it (" + refusal + ") but tpc found no error");
                }
                System.out.println("refused " + file + "\n  tetragon: " + refusal + "\n  tpc: "
                        + errors.stream().map(d -> d.span().line() + ":" + d.span().column() + " " + d.code() + " " + d.message()).toList());
            } else if (pastParse.containsKey(file)) {
                acceptedChecked++;
                if (!errors.isEmpty()) {
                    problems.add(file + ": Tetragon parsed it but tpc reports " + errors);
                }
            }
        }
        System.out.println("corpus: " + refusedChecked + " refused at parse, " + acceptedChecked + " past parse");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(refusedChecked >= 8 && acceptedChecked >= 85, refusedChecked + " / " + acceptedChecked);
    }
}
