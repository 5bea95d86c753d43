package dev.tpc.runtime.probe;

import java.util.List;
import java.util.Optional;

/**
 * What {@link KernelProbe} found on the running kernel.
 *
 * @param release     uname -r
 * @param version     MAJOR.MINOR.PATCH from the release
 * @param arch        {@code x86_64} or {@code arm64}
 * @param results     every fact, profile features first
 * @param stringMatchMaxLength Tetragon's string-bucket maximum for this kernel (144, 510 or 4096)
 * @param notes       what the probe did on the node (e.g. mounted tracefs)
 */
public record ProbeReport(String release, String version, String arch, List<ProbeResult> results,
        int stringMatchMaxLength, List<String> notes) {

    public ProbeReport {
        results = List.copyOf(results);
        notes = List.copyOf(notes);
    }

    public Optional<ProbeResult> result(String key) {
        return results.stream().filter(r -> r.key().equals(key)).findFirst();
    }
}
