package dev.tpc.validate;

import dev.tpc.diag.Diagnostic;
import dev.tpc.diag.InputRule;
import dev.tpc.diag.Severity;
import dev.tpc.target.Targets;
import dev.tpc.validate.schema.SchemaOutcome;
import dev.tpc.validate.schema.SchemaValidator;
import dev.tpc.validate.semantic.SemanticValidator;
import dev.tpc.yaml.MappingNode;
import dev.tpc.yaml.ScalarNode;
import dev.tpc.yaml.YamlDocument;
import dev.tpc.yaml.YamlNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Entry point of the validate stage: judges one YAML document against the targets, layer by
 * layer (schema and CEL, then semantic rules per target). Later layers run only when the earlier
 * ones found no error, as in Tetragon, whose loader stops at the first failing stage.
 */
public final class PolicyValidator {
    public static final Set<String> POLICY_KINDS = Set.of("TracingPolicy", "TracingPolicyNamespaced");

    private final Targets targets;
    private final SchemaValidator schema = new SchemaValidator();
    private final SemanticValidator semantic = new SemanticValidator();

    public PolicyValidator(Targets targets) {
        this.targets = targets;
    }

    public Targets targets() {
        return targets;
    }

    /**
     * A document's verdict and, for a policy document, what the schema layer bound: the defaulted
     * tree and the typed model (what {@code tpc compile} lowers). {@code schema} is null for a
     * document that is not a policy.
     */
    public record Judgement(DocumentVerdict verdict, SchemaOutcome schema) {}

    public DocumentVerdict validate(YamlDocument document) {
        return judge(document).verdict();
    }

    public Judgement judge(YamlDocument document) {
        YamlNode root = document.root();
        if (!(root instanceof MappingNode map)) {
            Diagnostic d = InputRule.NOT_A_MAPPING.at(root == null ? document.span() : root.span(),
                    "document " + document.ordinal() + " is " + (root == null ? "empty" : "a " + root.kindName())
                            + ", not a Kubernetes resource");
            List<Diagnostic> all = new ArrayList<>(document.problems());
            all.add(d);
            return new Judgement(verdict(document, null, null, true, all), null);
        }
        String kind = text(map, "kind");
        String name = map.get("metadata").filter(MappingNode.class::isInstance)
                .map(m -> text((MappingNode) m, "name")).orElse(null);
        if (kind != null && !POLICY_KINDS.contains(kind)) {
            Diagnostic note = InputRule.OTHER_KIND.at(map.valueSpan("kind"),
                    "skipping a document of kind " + kind,
                    "Tetragon's file loader refuses a file that holds anything but TracingPolicy resources");
            List<Diagnostic> noted = new ArrayList<>(document.problems());
            noted.add(note);
            return new Judgement(verdict(document, kind, name, false, noted), null);
        }
        List<Diagnostic> found = new ArrayList<>(document.problems());
        SchemaOutcome outcome = schema.validate(map, kind);
        found.addAll(outcome.diagnostics());
        if (outcome.model() != null && found.stream().noneMatch(d -> d.severity() == Severity.ERROR)) {
            found.addAll(semantic.validate(outcome.model(), targets));
        }
        return new Judgement(verdict(document, kind, name, true, found), outcome);
    }

    private DocumentVerdict verdict(YamlDocument document, String kind, String name, boolean policy,
                                    List<Diagnostic> diagnostics) {
        List<Diagnostic> kept = diagnostics.stream()
                .filter(d -> !document.suppressions().silences(d))
                .sorted(Diagnostic.ORDER)
                .toList();
        Map<String, Boolean> accepted = new LinkedHashMap<>();
        for (String target : targets.names()) {
            // a suppressed finding still makes Tetragon refuse the policy: acceptance is a fact
            boolean refused = !policy || diagnostics.stream()
                    .anyMatch(d -> d.severity() == Severity.ERROR && d.appliesTo(target));
            accepted.put(target, !refused);
        }
        return new DocumentVerdict(document.ordinal(), kind, name, policy, accepted, kept);
    }

    private static String text(MappingNode map, String key) {
        return map.get(key).filter(ScalarNode.class::isInstance)
                .map(n -> ((ScalarNode) n).keyText()).orElse(null);
    }
}
