package dev.tpc.target;

import dev.tpc.diag.Diagnostic;
import java.util.List;
import java.util.Optional;

/** The targets a {@code --target} option names (absent when any entry failed), and the findings. */
public record TargetResolution(Optional<Targets> targets, List<Diagnostic> diagnostics) {
    public TargetResolution {
        diagnostics = List.copyOf(diagnostics);
    }
}
