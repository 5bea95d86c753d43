package dev.tpc.encode;

import dev.tpc.lower.AttachPoint;
import dev.tpc.lower.Bytes;
import java.util.List;
import java.util.Optional;

/**
 * Everything Tetragon's agent would write for one attach point, in the single-hook layout (map
 * IDs counted per hook).
 *
 * @param filter        the 4096-byte {@code filter_map} value
 * @param returnFilter  the return probe's 4096-byte filter, with {@code return: true}
 * @param eventConfig   the 736-byte {@code config_map} value; {@code func_id}, {@code policy_id}
 *                      and {@code selector_stats_base} are 0 (the loader's ids)
 * @param maps          every non-empty inner map and plain map, entry side then return side
 * @param patches       where node-only values go ({@code host_ns}, host user namespace, followChildren ids)
 * @param actionArgs    the hook's action-argument table: ID {@code i} is URL/FQDN {@code i}
 *                      (GetUrl/DnsLookup run in user space after the event arrives)
 */
public record EncodedHook(AttachPoint attachPoint, EncodingVariant variant, Bytes filter, Optional<Bytes> returnFilter,
                          Bytes eventConfig, List<MapContents> maps, List<PatchSite> patches,
                          Specialisation specialisation, List<String> actionArgs) {
    public EncodedHook {
        maps = List.copyOf(maps);
        patches = List.copyOf(patches);
        actionArgs = List.copyOf(actionArgs);
    }

    public String name() {
        return attachPoint.name();
    }
}
