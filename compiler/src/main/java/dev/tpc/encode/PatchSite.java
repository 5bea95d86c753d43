package dev.tpc.encode;

import dev.tpc.lower.NodeFact;

/**
 * A place the encoder filled with 0 because only the node knows the value: the loader writes
 * {@code fact}'s value there, {@code width} bytes little-endian, before filling the map.
 *
 * @param region where the bytes live
 * @param key    for {@link Region#MAP_VALUE}: the key (selector slot) of the {@code tg_mb_sel_opts} entry; else -1
 * @param offset byte offset inside the region
 */
public record PatchSite(NodeFact fact, Region region, int key, int offset, int width) {

    public enum Region { FILTER, RETURN_FILTER, MB_SEL_OPTS_VALUE, EVENT_CONFIG }
}
