package dev.tpc.api;

import dev.tpc.target.Arch;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a compile needs, from any front end.
 *
 * @param inputs             policy files and directories
 * @param targets            target names or profile files; empty means every named profile
 * @param arch               the architecture bundles are compiled for
 * @param outputDirectory    where bundles ({@code <policy>.tpb}) are written
 * @param tracepointFormats  tracefs {@code format} files that override the shipped tables
 * @param skipUpToDate       leave a bundle alone when it was compiled from the same source with
 *                           the same tool, targets and architecture
 * @param workingDirectory   paths in reports are shown relative to it
 */
public record CompileRequest(List<Path> inputs, List<String> targets, Arch arch, Path outputDirectory,
                             List<Path> tracepointFormats, boolean skipUpToDate, Optional<Path> baseline,
                             Path workingDirectory) {
    public CompileRequest {
        inputs = List.copyOf(inputs);
        targets = List.copyOf(targets);
        tracepointFormats = List.copyOf(tracepointFormats);
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(baseline, "baseline");
        workingDirectory = workingDirectory.toAbsolutePath().normalize();
        outputDirectory = workingDirectory.resolve(outputDirectory).normalize();
    }

    CheckRequest checkRequest() {
        return new CheckRequest(inputs, targets, arch, tracepointFormats, baseline, workingDirectory);
    }
}
