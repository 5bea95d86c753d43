package dev.tpc.target;

import dev.tpc.diag.Diagnostic;
import dev.tpc.diag.Severity;
import java.util.List;
import java.util.Optional;

/** The outcome of reading one profile: the profile (absent when an error was found) and the findings. */
public record ProfileLoad(Optional<TargetProfile> profile, List<Diagnostic> diagnostics) {
    public ProfileLoad {
        diagnostics = List.copyOf(diagnostics);
        if (profile.isPresent() && diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR)) {
            profile = Optional.empty();
        }
    }
}
