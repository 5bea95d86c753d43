package dev.tpc.target;

import dev.tpc.diag.Diagnostic;
import dev.tpc.diag.ProfileRule;
import dev.tpc.diag.Severity;
import dev.tpc.diag.SourceSpan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the value of {@code --target} into {@link Targets}: a comma-separated list of profile
 * names ({@code 6.1,6.12}) and profile file paths; an empty value means every named profile.
 * Paths are resolved against {@code baseDirectory}.
 */
public final class TargetResolver {
    private static final String OPTION = "--target";

    private final Path baseDirectory;

    public TargetResolver(Path baseDirectory) {
        this.baseDirectory = baseDirectory;
    }

    public TargetResolution resolve(String option, Arch arch) {
        if (option == null || option.isBlank()) {
            return new TargetResolution(Optional.of(new Targets(TargetProfiles.all(), arch)), List.of());
        }
        List<Diagnostic> found = new ArrayList<>();
        Map<String, TargetProfile> chosen = new LinkedHashMap<>();
        for (String raw : option.split(",")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            Optional<TargetProfile> profile = TargetProfiles.named(entry);
            if (profile.isEmpty()) {
                profile = fromFile(entry, found);
            }
            profile.ifPresent(p -> {
                if (chosen.putIfAbsent(p.name(), p) != null) {
                    found.add(ProfileRule.DUPLICATE_TARGET.at(SourceSpan.wholeFile(OPTION),
                            "two targets are named " + p.name() + " (" + entry + ")",
                            "give each profile file its own name: field"));
                }
            });
        }
        boolean failed = found.stream().anyMatch(d -> d.severity() == Severity.ERROR);
        if (failed || chosen.isEmpty()) {
            if (chosen.isEmpty() && !failed) {
                found.add(ProfileRule.UNKNOWN_TARGET.at(SourceSpan.wholeFile(OPTION), OPTION + " names no target", hint()));
            }
            return new TargetResolution(Optional.empty(), found);
        }
        return new TargetResolution(Optional.of(new Targets(List.copyOf(chosen.values()), arch)), found);
    }

    private Optional<TargetProfile> fromFile(String entry, List<Diagnostic> found) {
        Path path = baseDirectory.resolve(entry);
        if (!Files.isRegularFile(path)) {
            found.add(ProfileRule.UNKNOWN_TARGET.at(SourceSpan.wholeFile(OPTION),
                    "target '" + entry + "' is neither a named profile nor a profile file", hint()));
            return Optional.empty();
        }
        ProfileLoad load = TargetProfiles.load(path, entry);
        found.addAll(load.diagnostics());
        return load.profile();
    }

    private static String hint() {
        return "named targets: " + String.join(", ", TargetProfiles.names())
                + "; or give the path of a profile file (`tpc probe` writes one for the running kernel)";
    }
}
