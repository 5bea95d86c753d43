package dev.tpc.validate.semantic;

import dev.tpc.diag.Diagnostic;
import dev.tpc.target.Targets;
import dev.tpc.yaml.MappingNode;
import java.util.List;

/**
 * Layers c to f of validation: Tetragon's semantic rules and limits, per target kernel and
 * architecture, and the warnings for what Tetragon accepts but cannot work. Placeholder until the
 * semantic work lands: finds nothing.
 */
public final class SemanticValidator {
    public List<Diagnostic> validate(MappingNode defaulted, Targets targets) {
        return List.of();
    }
}
