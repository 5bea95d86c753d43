package dev.tpc.api;

import dev.tpc.target.Arch;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code tpc explain} needs.
 *
 * @param file              a bundle ({@code .tpb}) or a policy file (compiled in memory)
 * @param target            explain only this target (a policy is then compiled for it alone)
 * @param arch              the architecture a policy is compiled for
 * @param tracepointFormats tracefs formats that override the shipped tables (policies only)
 * @param workingDirectory  paths are resolved against it and shown relative to it
 */
public record ExplainRequest(Path file, Optional<String> target, Arch arch, List<Path> tracepointFormats,
                             Path workingDirectory) {
    public ExplainRequest {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(arch, "arch");
        tracepointFormats = List.copyOf(tracepointFormats);
        workingDirectory = workingDirectory.toAbsolutePath().normalize();
    }
}
