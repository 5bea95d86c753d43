package dev.tpc.validate.schema;

import dev.tpc.diag.Diagnostic;
import dev.tpc.yaml.MappingNode;
import java.util.List;

/**
 * What the schema layer found, and the document with Tetragon's defaults applied (null when the
 * document is too broken to default).
 */
public record SchemaOutcome(List<Diagnostic> diagnostics, MappingNode defaulted) {
    public SchemaOutcome {
        diagnostics = List.copyOf(diagnostics);
    }
}
