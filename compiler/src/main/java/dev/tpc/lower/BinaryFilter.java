package dev.tpc.lower;

import java.util.List;

/**
 * A matchBinaries or matchParentBinaries entry (an entry without values is dropped by lowering,
 * as Tetragon does). Values are paths (In/NotIn), prefixes or postfixes, as UTF-8 bytes.
 */
public record BinaryFilter(Operator op, List<Bytes> values, boolean followChildren) {
    public BinaryFilter {
        values = List.copyOf(values);
    }
}
