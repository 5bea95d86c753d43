package dev.tpc.runtime.plan;

import java.util.List;

/** What to write into the maps of a template once it is loaded. */
public sealed interface MapContent {

    /** The map of the template this content goes into (the outer map for inner maps). */
    String map();

    /** Entries of a plain map (array, hash, LPM trie, ...). */
    record Entries(String map, List<MapEntry> entries) implements MapContent {
        public Entries {
            entries = List.copyOf(entries);
        }
    }

    /**
     * An inner map of an ARRAY_OF_MAPS / HASH_OF_MAPS: created from the outer map's inner-map
     * template (type, key and value size, flags) with {@code maxEntries} entries, filled with
     * {@code entries}, and stored in the outer map under {@code outerKey}. {@code name} is the
     * kernel name (Tetragon's, e.g. {@code argfilter_map_0}; cut to 15 characters).
     */
    record InnerMap(String map, Bytes outerKey, String name, int maxEntries, List<MapEntry> entries)
            implements MapContent {
        public InnerMap {
            if (maxEntries < 1) {
                throw new IllegalArgumentException("inner map " + name + " needs at least one entry of room");
            }
            entries = List.copyOf(entries);
        }
    }

    /** A program of the same template stored in a PROG_ARRAY slot (tail calls). */
    record ProgramSlot(String map, int index, String program) implements MapContent {
    }
}
