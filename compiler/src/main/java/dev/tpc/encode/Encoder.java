package dev.tpc.encode;

import dev.tpc.lower.Action;
import dev.tpc.lower.Arg;
import dev.tpc.lower.ArgFilter;
import dev.tpc.lower.AttachPoint;
import dev.tpc.lower.AttachTarget;
import dev.tpc.lower.FilterValues;
import dev.tpc.lower.HookKind;
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

    /** One hook in the single-hook layout (map IDs counted per hook). */
    public static EncodeResult encode(AttachPoint ap, EncodingVariant variant) {
        return encode(ap, variant, null);
    }

    /**
     * Every attach point of a policy, in order. In the {@link Layout#KPROBE_MULTI} layout the
     * kprobes share their string, prefix and postfix map numbering.
     */
    public static List<EncodeResult> encodeAll(List<AttachPoint> aps, EncodingVariant variant, Layout layout) {
        SelectorMaps.SharedMaps shared = new SelectorMaps.SharedMaps();
        List<EncodeResult> out = new ArrayList<>();
        for (AttachPoint ap : aps) {
            boolean multi = layout == Layout.KPROBE_MULTI && ap.kind() == HookKind.KPROBE;
            if (multi && ap.target() instanceof AttachTarget.NodeGeneratedFunctions && usesStringMaps(ap)) {
                out.add(new EncodeResult.Refused(ap.name(), "in the kprobe_multi layout every function of list '"
                        + ap.name() + "' gets its own string map ids, and only the node knows the list", ap.span()));
                continue;
            }
            out.add(encode(ap, variant, multi ? shared : null));
        }
        return out;
    }

    private static EncodeResult encode(AttachPoint ap, EncodingVariant variant, SelectorMaps.SharedMaps shared) {
        try {
            return new EncodeResult.Encoded(encodeOrFail(ap, variant, shared));
        } catch (EncodingFailure f) {
            return new EncodeResult.Refused(ap.name(), f.getMessage(), f.span() == null ? ap.span() : f.span());
        }
    }

    private static boolean usesStringMaps(AttachPoint ap) {
        for (Selector s : ap.selectors()) {
            List<ArgFilter> all = new ArrayList<>(s.args());
            all.addAll(s.returnArgs());
            for (ArgFilter f : all) {
                if (f.values() instanceof FilterValues.Strings || f.values() instanceof FilterValues.Prefixes
                        || f.values() instanceof FilterValues.Postfixes) {
                    return true;
                }
            }
            for (java.util.Optional<dev.tpc.lower.BinaryFilter> b : List.of(s.binaries(), s.parentBinaries())) {
                if (b.isPresent() && b.get().op() != dev.tpc.lower.Operator.IN && b.get().op() != dev.tpc.lower.Operator.NOT_IN) {
                    return true;
                }
            }
        }
        return false;
    }

    private static EncodedHook encodeOrFail(AttachPoint ap, EncodingVariant variant, SelectorMaps.SharedMaps shared) {
        if (ap.returnArgAction().isPresent() && !variant.largePrograms()) {
            throw new EncodingFailure("ReturnArgAction requires kernel >=5.3", ap.span());
        }
        List<String> actionArgs = new ArrayList<>();
        SelectorEncoder entry = new SelectorEncoder(variant, false, actionArgs,
                shared == null ? new SelectorMaps.SharedMaps() : shared);
        byte[] filter = entry.encode(ap.selectors(), ap.span());

        Optional<Bytes> returnFilter = Optional.empty();
        SelectorEncoder ret = null;
        if (ap.hasReturnSelectors()) {
            ret = new SelectorEncoder(variant, true, actionArgs, shared == null ? new SelectorMaps.SharedMaps() : shared);
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
