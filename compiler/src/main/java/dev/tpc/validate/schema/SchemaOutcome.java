package dev.tpc.validate.schema;

import dev.tpc.diag.Diagnostic;
import dev.tpc.diag.Severity;
import dev.tpc.model.TracingPolicy;
import dev.tpc.yaml.MappingNode;
import java.util.List;

/**
 * What the schema and CEL layers found, the document with Tetragon's defaults applied, and the
 * typed model bound from it.
 *
 * @param diagnostics the findings of layers a (schema) and b (CEL)
 * @param defaulted   the document after CRD defaulting; null only when there was no document
 * @param model       the typed policy bound from {@code defaulted}. Binding is lenient, so a model
 *                    exists even for a document with findings, but only a document without
 *                    errors ({@link #valid()}) gives one that later stages may trust
 */
public record SchemaOutcome(List<Diagnostic> diagnostics, MappingNode defaulted, TracingPolicy model) {
    public SchemaOutcome {
        diagnostics = List.copyOf(diagnostics);
    }

    /** Whether the document passed both layers (no error). */
    public boolean valid() {
        return diagnostics.stream().noneMatch(d -> d.severity() == Severity.ERROR);
    }
}
