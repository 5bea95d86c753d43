package dev.tpc.api;

import dev.tpc.target.Arch;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a check needs, from any front end.
 *
 * @param inputs           files and directories (searched recursively for *.yaml and *.yml)
 * @param targets          target names or profile files; empty means every named profile
 * @param arch             the architecture policies are judged for
 * @param tracepointFormats tracefs {@code format} files that override the shipped tables
 * @param baseline         known findings that do not fail the build
 * @param workingDirectory paths in reports are shown relative to it
 */
public record CheckRequest(List<Path> inputs, List<String> targets, Arch arch, List<Path> tracepointFormats,
                           Optional<Path> baseline, Path workingDirectory) {
    public CheckRequest {
        inputs = List.copyOf(inputs);
        targets = List.copyOf(targets);
        tracepointFormats = List.copyOf(tracepointFormats);
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(baseline, "baseline");
        workingDirectory = workingDirectory.toAbsolutePath().normalize();
    }

    /** A check with the shipped tracepoint tables. */
    public CheckRequest(List<Path> inputs, List<String> targets, Arch arch, Optional<Path> baseline, Path workingDirectory) {
        this(inputs, targets, arch, List.of(), baseline, workingDirectory);
    }

    public static CheckRequest of(List<Path> inputs) {
        return new CheckRequest(inputs, List.of(), Arch.X86_64, Optional.empty(), Path.of(""));
    }
}
