package dev.tpc.target;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The tracepoint formats tpc judges and lowers each target with: the table shipped for the
 * target's profile ({@link TracepointCatalog#forProfile}), with the formats the user gave
 * ({@code --tracepoint-format}, read from the node's tracefs) in place of the shipped ones.
 *
 * <p>Given formats are some events, not a kernel's whole list: an event they lack is absent on a
 * target only when a shipped table describes that target.
 */
public final class TargetTracepoints {
    private static final TargetTracepoints SHIPPED = new TargetTracepoints(List.of());

    private final Map<String, TracepointFormat> given;

    private TargetTracepoints(List<TracepointFormat> formats) {
        Map<String, TracepointFormat> byKey = new LinkedHashMap<>();
        formats.forEach(f -> byKey.put(f.key(), f));
        // in the order given: the merged table's order is part of the bundle's digest
        this.given = Collections.unmodifiableMap(byKey);
    }

    /** Only the shipped tables. */
    public static TargetTracepoints shipped() {
        return SHIPPED;
    }

    /** The shipped tables with these formats in place (for every target); a later format of an event wins. */
    public static TargetTracepoints withFormats(List<TracepointFormat> formats) {
        return formats.isEmpty() ? SHIPPED : new TargetTracepoints(formats);
    }

    public boolean hasGivenFormats() {
        return !given.isEmpty();
    }

    /** The format of {@code subsystem/event} on the target; empty when neither the given formats nor its table have it. */
    public Optional<TracepointFormat> find(TargetProfile profile, String subsystem, String event) {
        TracepointFormat f = given.get(subsystem + "/" + event);
        if (f != null) {
            return Optional.of(f);
        }
        return TracepointCatalog.builtin().forProfile(profile).flatMap(t -> t.find(subsystem, event));
    }

    /** Whether the target has the event: NO only when a shipped table lists every event of the target's kernel. */
    public Availability exists(TargetProfile profile, String subsystem, String event) {
        if (find(profile, subsystem, event).isPresent()) {
            return Availability.YES;
        }
        return TracepointCatalog.builtin().forProfile(profile).isPresent() ? Availability.NO : Availability.UNKNOWN;
    }

    /** The whole table lowering uses for a target (what its bundle records); empty when tpc knows no format of it. */
    public Optional<TracepointTable> table(TargetProfile profile) {
        Optional<TracepointTable> shipped = TracepointCatalog.builtin().forProfile(profile);
        if (given.isEmpty()) {
            return shipped;
        }
        Map<String, TracepointFormat> merged = new LinkedHashMap<>();
        shipped.ifPresent(t -> t.formats().forEach(f -> merged.put(f.key(), f)));
        merged.putAll(given);
        return Optional.of(new TracepointTable(shipped.map(TracepointTable::kernelRelease).orElse(""), new ArrayList<>(merged.values())));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TargetTracepoints t && t.given.equals(given);
    }

    @Override
    public int hashCode() {
        return Objects.hash(given);
    }

    @Override
    public String toString() {
        return given.isEmpty() ? "shipped tracepoint tables" : "shipped tracepoint tables with " + given.keySet();
    }
}
