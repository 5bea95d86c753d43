package dev.tpc.validate.schema;

import dev.tpc.diag.Diagnostic;
import dev.tpc.model.TracingPolicy;
import dev.tpc.yaml.MappingNode;
import dev.tpc.yaml.YamlNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Layers a and b of validation, in the order of Tetragon's Kubernetes loading path: apply the
 * CRD's defaults; reject fields the typed resource does not have (strict decoding) and integers
 * its Go fields cannot hold; check the object metadata; validate the JSON-Schema keywords; then
 * evaluate the CEL rules. Unlike Tetragon, which stops at the first failing step, every finding
 * of every step is reported. Thread-safe; schemas and CEL programs are compiled once.
 */
public final class SchemaValidator {

    /**
     * Checks one document whose {@code kind} is TracingPolicy or TracingPolicyNamespaced (or
     * missing). Never throws for bad input.
     */
    public SchemaOutcome validate(MappingNode document, String kind) {
        PolicySchema schema = PolicySchema.forKind(kind);
        YamlNode defaultedNode = new Defaulter(schema).apply(document);
        MappingNode defaulted = defaultedNode instanceof MappingNode m ? m : document;
        List<Diagnostic> found = new ArrayList<>();
        found.addAll(MetadataCheck.check(defaulted, kind));
        found.addAll(new JsonSchemaCheck(schema).check(defaulted));
        found.addAll(SchemaWalk.check(schema, defaulted));
        List<Diagnostic> unique = new ArrayList<>(new LinkedHashSet<>(found));
        unique.sort(Diagnostic.ORDER);
        return new SchemaOutcome(unique, defaulted, TracingPolicy.from(defaulted));
    }
}
