package dev.tpc.encode;

import dev.tpc.lower.Bytes;
import java.util.List;

/**
 * The contents of one map the hook's program reads, as Tetragon's agent would fill it.
 *
 * @param side       the entry program's maps or the return probe's (each program has its own)
 * @param name       the outer map ({@code argfilter_maps}, {@code string_maps_3}, ...) or, for a
 *                   plain map, the map itself ({@code tg_mb_sel_opts})
 * @param innerIndex the slot of the inner map in the outer map, -1 for a plain map
 * @param entries    sorted by key (unsigned byte order); Tetragon's Go maps have no order
 */
public record MapContents(Side side, String name, int innerIndex, int keySize, int valueSize, List<Entry> entries) {

    public enum Side { ENTRY, RETURN }

    public record Entry(Bytes key, Bytes value) {}

    public MapContents {
        entries = List.copyOf(entries);
    }

    /** Tetragon's name for the inner map ({@code argfilter_map_0}, {@code string_maps_3_1}, {@code tg_mb_path_5}). */
    public String innerName() {
        if (innerIndex < 0) {
            return name;
        }
        return switch (name) {
            case "argfilter_maps" -> "argfilter_map_" + innerIndex;
            case "addr4lpm_maps" -> "addr4filter_map_" + innerIndex;
            case "addr6lpm_maps" -> "addr6filter_map_" + innerIndex;
            case "string_prefix_maps" -> "string_prefix_map_" + innerIndex;
            case "string_postfix_maps" -> "string_postfix_map_" + innerIndex;
            case "tg_mb_paths" -> "tg_mb_path_" + innerIndex;
            default -> name + "_" + innerIndex;
        };
    }
}
