package dev.tpc.bundle;

import dev.tpc.decode.Decoder;
import dev.tpc.encode.MapContents;
import dev.tpc.encode.PatchSite;
import dev.tpc.lower.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One attach point of one target, as the bundle holds it.
 *
 * @param config       its loader config
 * @param filter       the 4096-byte filter blob ({@code filter_map} key 0), node values left zero
 * @param returnFilter the return probe's filter blob, when the hook has return selectors
 * @param eventConfig  the 736-byte {@code event_config} ({@code config_map} key 0)
 * @param maps         inner maps and plain maps, entry side first, as maps.bin lists them
 */
public record HookBundle(LoaderConfig config, Bytes filter, Optional<Bytes> returnFilter, Bytes eventConfig,
                         List<MapContents> maps) {
    public HookBundle {
        maps = List.copyOf(maps);
    }

    /** What the decoder needs to read this hook's selectors back. */
    public Decoder.Input decoderInput() {
        List<PatchSite> patches = new ArrayList<>();
        for (LoaderConfig.Relocation r : config.relocations()) {
            patches.add(new PatchSite(r.fact(), region(r), r.key(), r.offset(), r.width()));
        }
        return new Decoder.Input(filter, returnFilter, eventConfig, maps, config.actionArgs(), patches);
    }

    static PatchSite.Region region(LoaderConfig.Relocation r) {
        return switch (r.entry()) {
            case BundleLayout.FILTER -> PatchSite.Region.FILTER;
            case BundleLayout.RETURN_FILTER -> PatchSite.Region.RETURN_FILTER;
            case BundleLayout.EVENT_CONFIG -> PatchSite.Region.EVENT_CONFIG;
            default -> PatchSite.Region.MB_SEL_OPTS_VALUE;
        };
    }
}
