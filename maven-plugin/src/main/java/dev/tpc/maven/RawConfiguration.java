package dev.tpc.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The goals' parameters as plain values, before they are mapped onto a core request (Jib's
 * {@code RawConfiguration}): Maven fills the mojo, the mojo fills this record, and everything after
 * it can be tested without a Maven runtime.
 *
 * @param basedir           the project's base directory; report paths and the baseline are relative to it
 * @param policyDirectories the configured policy directories, already absolute; empty when none was
 *                          configured and the default ({@value #DEFAULT_POLICY_DIRECTORY}) applies
 * @param targets           target names or profile files; empty means every named profile
 * @param arch              as written, e.g. {@code x86_64}
 * @param formats           report formats as written, e.g. {@code sarif}
 * @param failOn            as written: {@code error} or {@code warning}
 * @param baseline          the baseline file, already absolute
 */
record RawConfiguration(Path basedir, List<Path> policyDirectories, List<String> targets, String arch,
                        List<String> formats, String failOn, Optional<Path> baseline) {
    static final String DEFAULT_POLICY_DIRECTORY = "src/main/tetragon";

    RawConfiguration {
        Objects.requireNonNull(basedir, "basedir");
        policyDirectories = List.copyOf(policyDirectories);
        targets = targets.stream().map(String::trim).filter(t -> !t.isEmpty()).toList();
        formats = formats.stream().map(String::trim).filter(f -> !f.isEmpty()).toList();
        Objects.requireNonNull(baseline, "baseline");
    }

    /**
     * From the mojo's fields as Maven injected them: unset parameters are null, and files are
     * resolved against the base directory (Maven resolves those from the POM, not always those
     * from {@code -D} properties).
     */
    static RawConfiguration fromParameters(File basedir, List<File> policyDirectories, List<String> targets, String arch,
                                           List<String> formats, String failOn, File baseline) {
        Path base = basedir.toPath().toAbsolutePath().normalize();
        return new RawConfiguration(base,
                policyDirectories == null ? List.of() : policyDirectories.stream().map(f -> base.resolve(f.toPath()).normalize()).toList(),
                targets == null ? List.of() : targets,
                arch,
                formats == null ? List.of() : formats,
                failOn,
                Optional.ofNullable(baseline).map(f -> base.resolve(f.toPath()).normalize()));
    }

    boolean policyDirectoriesConfigured() {
        return !policyDirectories.isEmpty();
    }

    Path defaultPolicyDirectory() {
        return basedir.resolve(DEFAULT_POLICY_DIRECTORY);
    }
}
