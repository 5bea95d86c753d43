package dev.tpc.lower;

import dev.tpc.target.Arch;
import dev.tpc.target.TargetProfile;
import dev.tpc.target.TracepointCatalog;
import dev.tpc.target.TracepointFormat;
import dev.tpc.target.TracepointTable;
import java.util.Optional;

/**
 * What lowering needs to know about a target: the architecture (syscall prefixes, syscall
 * numbers) and the tracepoint formats of its kernel.
 */
public record LoweringTarget(String name, Arch arch, Optional<TracepointTable> tracepoints) {

    /** A target profile by name, with the tracepoint table tpc ships for it (if any). */
    public static LoweringTarget of(String profile, Arch arch) {
        return new LoweringTarget(profile, arch, TracepointCatalog.builtin().table(profile));
    }

    /** A target profile, with the shipped tracepoint table of its name or, failing that, of its kernel release. */
    public static LoweringTarget of(TargetProfile profile) {
        return new LoweringTarget(profile.name(), profile.arch(), TracepointCatalog.builtin().forProfile(profile));
    }

    public Optional<TracepointFormat> tracepoint(String subsystem, String event) {
        return tracepoints.flatMap(t -> t.find(subsystem, event));
    }
}
