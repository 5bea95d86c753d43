package dev.tpc.decode;

import dev.tpc.encode.MapContents;
import dev.tpc.encode.PatchSite;
import dev.tpc.lower.Bytes;
import dev.tpc.lower.Operator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One side's maps, looked up the way the BPF program does: outer map name and inner index. */
final class Maps {
    private final Map<String, MapContents> byKey = new HashMap<>();
    private final List<PatchSite> patches;

    Maps(List<MapContents> maps, MapContents.Side side, List<PatchSite> patches) {
        for (MapContents m : maps) {
            if (m.side() == side) {
                byKey.put(m.name() + "#" + m.innerIndex(), m);
            }
        }
        this.patches = patches;
    }

    /** The keys of an inner map; a missing map is malformed input. */
    List<Bytes> keys(String outer, long index) {
        MapContents m = byKey.get(outer + "#" + index);
        if (m == null) {
            throw new Decoder.Malformed("the blob refers to " + outer + "[" + index + "], which the bundle lacks");
        }
        List<Bytes> out = new ArrayList<>();
        for (MapContents.Entry e : m.entries()) {
            if (e.key().length() != m.keySize()) {
                throw new Decoder.Malformed(outer + "[" + index + "] has a " + e.key().length() + "-byte key, not " + m.keySize());
            }
            out.add(e.key());
        }
        return out;
    }

    /** matchBinaries (key = selector) or matchParentBinaries (key = selector + 5). */
    Optional<NormalForm.Binaries> binaries(int key) {
        MapContents opts = byKey.get("tg_mb_sel_opts#-1");
        if (opts == null) {
            return Optional.empty();
        }
        for (MapContents.Entry e : opts.entries()) {
            Reader k = new Reader(e.key(), "tg_mb_sel_opts key", java.util.Set.of());
            if (k.u32(0) != key) {
                continue;
            }
            Reader v = new Reader(e.value(), "tg_mb_sel_opts value", java.util.Set.of());
            Operator op = Decoder.operator(v.u32i(0));
            long mapId = v.u32(4);
            boolean follow = v.u32(8) != 0xFFFF_FFFFL || patches.stream().anyMatch(
                    p -> p.region() == PatchSite.Region.MB_SEL_OPTS_VALUE && p.key() == key);
            List<Bytes> values = new ArrayList<>();
            switch (op) {
                case IN, NOT_IN -> {
                    if (byKey.containsKey("tg_mb_paths#" + key)) {
                        for (Bytes path : keys("tg_mb_paths", key)) {
                            values.add(ArgDecoder.cString(path));
                        }
                    }
                }
                case PREFIX, NOT_PREFIX -> keys("string_prefix_maps", mapId).forEach(x -> values.add(ArgDecoder.prefix(x)));
                case POSTFIX, NOT_POSTFIX -> keys("string_postfix_maps", mapId).forEach(x -> values.add(ArgDecoder.postfix(x)));
                default -> throw new Decoder.Malformed("matchBinaries operator " + op.canonicalName());
            }
            return Optional.of(new NormalForm.Binaries(op.canonicalName(), Render.sortedTexts(values), follow));
        }
        return Optional.empty();
    }

    Bytes substring(long id) {
        MapContents m = byKey.get("substring_map#-1");
        if (m != null) {
            for (MapContents.Entry e : m.entries()) {
                if (new Reader(e.key(), "substring key", java.util.Set.of()).u32(0) == id) {
                    return ArgDecoder.cString(e.value());
                }
            }
        }
        throw new Decoder.Malformed("substring " + id + " is not in substring_map");
    }
}
