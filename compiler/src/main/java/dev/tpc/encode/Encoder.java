package dev.tpc.encode;

import dev.tpc.lower.Action;
import dev.tpc.lower.Arg;
import dev.tpc.lower.ArgFilter;
import dev.tpc.lower.AttachPoint;
import dev.tpc.lower.Bytes;
import dev.tpc.lower.NodeFact;
import dev.tpc.lower.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Entry point of the encode stage: turns one lowered attach point into the bytes Tetragon's agent
 * (1.8.13) would write for it: the filter blob, the return blob, the inner maps and the
 * {@code event_config}, in the single-hook layout. The result is a value; a hook Tetragon's
 * encoder would refuse (or that tpc cannot encode offline) comes back as
 * {@link EncodeResult.Refused} with the reason.
 */
public final class Encoder {
    private Encoder() {}

    public static EncodeResult encode(AttachPoint ap, EncodingVariant variant) {
        try {
            return new EncodeResult.Encoded(encodeOrFail(ap, variant));
        } catch (EncodingFailure f) {
            return new EncodeResult.Refused(ap.name(), f.getMessage(), f.span() == null ? ap.span() : f.span());
        }
    }

    /** Encodes every attach point; results in the same order. */
    public static List<EncodeResult> encodeAll(List<AttachPoint> aps, EncodingVariant variant) {
        return aps.stream().map(ap -> encode(ap, variant)).toList();
    }

    private static EncodedHook encodeOrFail(AttachPoint ap, EncodingVariant variant) {
        List<String> actionArgs = new ArrayList<>();
        SelectorEncoder entry = new SelectorEncoder(variant, false, actionArgs);
        byte[] filter = entry.encode(ap.selectors(), ap.span());

        Optional<Bytes> returnFilter = Optional.empty();
        SelectorEncoder ret = null;
        if (ap.hasReturnSelectors()) {
            ret = new SelectorEncoder(variant, true, actionArgs);
            returnFilter = Optional.of(Bytes.of(ret.encode(ap.selectors(), ap.span())));
        }

        byte[] config = EventConfigEncoder.encode(ap);
        List<PatchSite> patches = new ArrayList<>(entry.maps.patches);
        List<MapContents> maps = new ArrayList<>(entry.maps.contents(MapContents.Side.ENTRY));
        if (ret != null) {
            patches.addAll(ret.maps.patches);
            maps.addAll(ret.maps.contents(MapContents.Side.RETURN));
        }
        for (Arg a : ap.args()) {
            a.resolve().ifPresent(path -> patches.add(new PatchSite(new NodeFact.BtfPath(a.position(), path),
                    PatchSite.Region.EVENT_CONFIG, -1,
                    EventConfigEncoder.OFF_BTF_ARG + a.position() * EventConfigEncoder.BTF_ARG_SIZE,
                    EventConfigEncoder.BTF_ARG_SIZE)));
        }
        return new EncodedHook(ap, variant, Bytes.of(filter), returnFilter, Bytes.of(config), maps, patches,
                specialisation(ap, maps), actionArgs);
    }

    private static Specialisation specialisation(AttachPoint ap, List<MapContents> maps) {
        SortedSet<String> sections = new TreeSet<>();
        SortedSet<Integer> operators = new TreeSet<>();
        SortedSet<Integer> types = new TreeSet<>();
        SortedSet<Integer> actions = new TreeSet<>();
        for (Selector s : ap.selectors()) {
            mark(sections, !s.pids().isEmpty(), "pids");
            mark(sections, !s.namespaces().isEmpty(), "namespaces");
            mark(sections, !s.capabilities().isEmpty(), "capabilities");
            mark(sections, !s.namespaceChanges().isEmpty(), "namespace_changes");
            mark(sections, !s.capabilityChanges().isEmpty(), "capability_changes");
            mark(sections, s.binaries().isPresent(), "binaries");
            mark(sections, s.parentBinaries().isPresent(), "parent_binaries");
            mark(sections, !s.args().isEmpty(), "args");
            mark(sections, s.matchWorkloads(), "workloads");
            List<ArgFilter> filters = new ArrayList<>(s.args());
            List<Action> acts = new ArrayList<>(s.actions());
            if (ap.hasReturnSelectors()) {
                mark(sections, !s.returnArgs().isEmpty(), "return_args");
                filters.addAll(s.returnArgs());
                acts.addAll(s.returnActions());
            }
            for (ArgFilter f : filters) {
                operators.add(f.op().id());
                types.add(f.type().id());
            }
            acts.forEach(a -> actions.add(a.kind().id()));
        }
        SortedSet<String> used = new TreeSet<>();
        maps.forEach(m -> used.add(m.name()));
        return new Specialisation(sections, operators, types, actions, used);
    }

    private static void mark(SortedSet<String> set, boolean used, String name) {
        if (used) {
            set.add(name);
        }
    }
}
