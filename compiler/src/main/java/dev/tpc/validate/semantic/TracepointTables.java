package dev.tpc.validate.semantic;

import dev.tpc.target.TargetProfile;
import dev.tpc.target.TracepointCatalog;
import dev.tpc.target.TracepointFormat;
import dev.tpc.target.TracepointTable;
import java.util.Optional;

/**
 * Finds the shipped tracepoint table of a target: by the profile's name, else by its kernel
 * release (the tables are keyed by their own names and record the release they were read from).
 */
final class TracepointTables {
    private TracepointTables() {}

    static Optional<TracepointTable> of(TargetProfile profile) {
        TracepointCatalog catalog = TracepointCatalog.builtin();
        Optional<TracepointTable> byName = catalog.table(profile.name());
        if (byName.isPresent() || profile.release().isEmpty()) {
            return byName;
        }
        for (String key : catalog.profiles()) {
            Optional<TracepointTable> t = catalog.table(key);
            if (t.isPresent() && t.get().kernelRelease().equals(profile.release())) {
                return t;
            }
        }
        return Optional.empty();
    }

    static Optional<TracepointFormat> format(TargetProfile profile, String subsystem, String event) {
        return of(profile).flatMap(t -> t.find(subsystem, event));
    }
}
