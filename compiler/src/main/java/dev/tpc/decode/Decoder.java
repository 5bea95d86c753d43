package dev.tpc.decode;

import dev.tpc.encode.EncodedHook;
import dev.tpc.encode.MapContents;
import dev.tpc.encode.PatchSite;
import dev.tpc.lower.ActionKind;
import dev.tpc.lower.ArgType;
import dev.tpc.lower.AttachPoint;
import dev.tpc.lower.Bytes;
import dev.tpc.lower.Capabilities;
import dev.tpc.lower.CapabilitySet;
import dev.tpc.lower.Namespace;
import dev.tpc.lower.Operator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Entry point of the decode direction ({@code tpc explain}): reads a hook's filter blobs, inner
 * maps and {@code event_config} back into readable selectors in {@link NormalForm}. Bytes from a
 * file are untrusted: every read is bounds-checked and a malformed encoding yields
 * {@link Result.Invalid}, never an exception.
 */
public final class Decoder {
    private Decoder() {}

    /** What a hook's bytes decode to, or why they cannot be read. */
    public sealed interface Result {
        record Decoded(NormalForm.Hook hook) implements Result {}

        record Invalid(String reason) implements Result {}
    }

    /**
     * The bytes of one hook as a bundle carries them. {@code maps} are the hook's entry and return
     * maps (single-hook layout); {@code actionArgs} its action-argument table.
     */
    public record Input(Bytes filter, Optional<Bytes> returnFilter, Bytes eventConfig, List<MapContents> maps,
                        List<String> actionArgs, List<PatchSite> patches) {
        public static Input of(EncodedHook h) {
            return new Input(h.filter(), h.returnFilter(), h.eventConfig(), h.maps(), h.actionArgs(), h.patches());
        }

        private java.util.Set<Integer> patched(PatchSite.Region region) {
            java.util.Set<Integer> out = new java.util.HashSet<>();
            patches.stream().filter(p -> p.region() == region).forEach(p -> out.add(p.offset()));
            return out;
        }
    }

    public static Result decode(Input in) {
        try {
            List<NormalForm.ArgSlot> args = argSlots(in.eventConfig());
            int returnType = new Reader(in.eventConfig(), "event_config", java.util.Set.of()).i32(92);
            Maps entryMaps = new Maps(in.maps(), MapContents.Side.ENTRY, in.patches());
            List<NormalForm.Selector> entry = selectors(new Reader(in.filter(), "filter",
                    in.patched(PatchSite.Region.FILTER)), entryMaps, in.actionArgs(), false);
            Optional<List<NormalForm.Selector>> ret = Optional.empty();
            if (in.returnFilter().isPresent()) {
                ret = Optional.of(selectors(new Reader(in.returnFilter().get(), "return filter",
                        in.patched(PatchSite.Region.RETURN_FILTER)), new Maps(in.maps(), MapContents.Side.RETURN,
                        List.of()), in.actionArgs(), true));
            }
            return new Result.Decoded(new NormalForm.Hook(args, returnType, entry, ret));
        } catch (Malformed m) {
            return new Result.Invalid(m.getMessage());
        }
    }

    /** The normal form a lowered attach point must decode to (for explain's "policy" column and round trips). */
    public static NormalForm.Hook expected(AttachPoint ap) {
        return Normalizer.of(ap);
    }

    private static List<NormalForm.ArgSlot> argSlots(Bytes config) {
        Reader r = new Reader(config, "event_config", java.util.Set.of());
        if (config.length() != 736) {
            throw new Malformed("event_config is " + config.length() + " bytes, not 736");
        }
        List<NormalForm.ArgSlot> out = new ArrayList<>();
        for (int p = 0; p < 5; p++) {
            int type = r.i32(4 + 4 * p);
            if (type == 0) {
                continue;
            }
            String name = ArgType.fromId(type).map(ArgType::canonicalName).orElse("type" + type);
            out.add(new NormalForm.ArgSlot(p, name, r.i32(64 + 4 * p), r.i32(24 + 4 * p), r.i32(44 + 4 * p)));
        }
        return out;
    }

    private static List<NormalForm.Selector> selectors(Reader r, Maps maps, List<String> actionArgs, boolean ret) {
        String what = r.what();
        int n = r.u32i(0);
        if (n > 5) {
            throw new Malformed(what + ": " + n + " selectors (at most 5)");
        }
        List<NormalForm.Selector> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int start = 4 + 4 * i + r.u32i(4 + 4 * i);
            int len = r.u32i(start);
            r.require(start, len, "selector " + i);
            int p = start + 4;
            List<NormalForm.Pid> pids = List.of();
            List<NormalForm.Namespaces> ns = List.of();
            List<NormalForm.Capabilities> caps = List.of();
            List<NormalForm.NamespaceChanges> nsch = List.of();
            List<NormalForm.Capabilities> capch = List.of();
            if (!ret) {
                pids = pids(r, p);
                p += r.u32i(p);
                ns = namespaces(r, p);
                p += r.u32i(p);
                caps = capabilities(r, p);
                p += r.u32i(p);
                nsch = namespaceChanges(r, p);
                p += r.u32i(p);
                capch = capabilities(r, p);
                p += r.u32i(p);
            }
            List<NormalForm.Arg> args = ArgDecoder.args(r, p, maps);
            p += r.u32i(p);
            List<NormalForm.Action> actions = actions(r, p, actionArgs);
            Optional<NormalForm.Binaries> bin = ret ? Optional.empty() : maps.binaries(i);
            Optional<NormalForm.Binaries> parents = ret ? Optional.empty() : maps.binaries(i + 5);
            out.add(new NormalForm.Selector(pids, ns, caps, nsch, capch, bin, parents, args, actions));
        }
        return out;
    }

    private static List<NormalForm.Pid> pids(Reader r, int at) {
        int end = sectionEnd(r, at);
        List<NormalForm.Pid> out = new ArrayList<>();
        for (int p = at + 4; p < end; ) {
            Operator op = operator(r.u32i(p));
            int flags = r.u32i(p + 4);
            int count = r.u32i(p + 8);
            List<String> v = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                v.add(Long.toString(r.u32(p + 12 + 4 * k)));
            }
            p += 12 + 4 * count;
            if (!v.isEmpty()) {
                out.add(new NormalForm.Pid(op.canonicalName(), (flags & 1) != 0, (flags & 2) != 0, v));
            }
        }
        return out;
    }

    private static List<NormalForm.Namespaces> namespaces(Reader r, int at) {
        int end = sectionEnd(r, at);
        List<NormalForm.Namespaces> out = new ArrayList<>();
        for (int p = at + 4; p < end; ) {
            int type = r.u32i(p);
            Namespace ns = Namespace.fromId(type).orElseThrow(() -> new Malformed("unknown namespace " + type));
            Operator op = operator(r.u32i(p + 4));
            int count = r.u32i(p + 8);
            List<String> v = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                int word = p + 12 + 4 * k;
                v.add(r.patched(word) ? "host_ns" : Long.toString(r.u32(word)));
            }
            p += 12 + 4 * count;
            if (!v.isEmpty()) {
                out.add(new NormalForm.Namespaces(ns.canonicalName(), op.canonicalName(), v));
            }
        }
        return out;
    }

    private static List<NormalForm.Capabilities> capabilities(Reader r, int at) {
        int end = sectionEnd(r, at);
        List<NormalForm.Capabilities> out = new ArrayList<>();
        for (int p = at + 4; p < end; p += 20) {
            int set = r.u32i(p);
            CapabilitySet cs = CapabilitySet.fromId(set).orElseThrow(() -> new Malformed("unknown capability set " + set));
            Operator op = operator(r.u32i(p + 4));
            boolean nsCap = r.u32(p + 8) != 0 || r.patched(p + 8);
            long mask = r.u64(p + 12);
            out.add(new NormalForm.Capabilities(cs.canonicalName(), op.canonicalName(), nsCap, Capabilities.names(mask)));
        }
        return out;
    }

    private static List<NormalForm.NamespaceChanges> namespaceChanges(Reader r, int at) {
        int end = sectionEnd(r, at);
        List<NormalForm.NamespaceChanges> out = new ArrayList<>();
        for (int p = at + 4; p < end; p += 8) {
            Operator op = operator(r.u32i(p));
            long mask = r.u32(p + 4);
            List<String> names = new ArrayList<>();
            for (Namespace n : Namespace.values()) {
                if ((mask & (1L << n.id())) != 0) {
                    names.add(n.canonicalName());
                }
            }
            out.add(new NormalForm.NamespaceChanges(op.canonicalName(), names));
        }
        return out;
    }

    private static List<NormalForm.Action> actions(Reader r, int at, List<String> actionArgs) {
        int end = sectionEnd(r, at);
        List<NormalForm.Action> out = new ArrayList<>();
        for (int p = at + 4; p < end; ) {
            int id = r.u32i(p);
            ActionKind kind = ActionKind.fromId(id).orElseThrow(() -> new Malformed("unknown action " + id));
            List<String> params = new ArrayList<>();
            p += 4;
            switch (kind) {
                case POST -> {
                    Normalizer.post(params, r.u32(p), r.u32i(p + 4), r.u32(p + 8) != 0, r.u32(p + 12) != 0, r.u32(p + 16) != 0);
                    p += 20;
                }
                case OVERRIDE -> {
                    params.add("argError=" + r.i32(p));
                    p += 4;
                }
                case GET_URL, DNS_LOOKUP -> {
                    int arg = r.u32i(p);
                    if (arg >= actionArgs.size()) {
                        throw new Malformed("action argument " + arg + " is not in the hook's table");
                    }
                    params.add((kind == ActionKind.GET_URL ? "argUrl=" : "argFqdn=") + actionArgs.get(arg));
                    p += 4;
                }
                case SIGNAL -> {
                    params.add("argSig=" + r.u32(p));
                    p += 4;
                }
                case TRACK_SOCK, UNTRACK_SOCK -> {
                    params.add("argSock=" + r.u32(p));
                    p += 4;
                }
                case NOTIFY_ENFORCER -> {
                    Normalizer.notify(params, r.i32(p), r.u32(p + 4), r.u32(p + 8));
                    p += 12;
                }
                case SET -> {
                    params.add("argIndex=" + r.u32(p));
                    params.add("argValue=" + r.u32(p + 4));
                    p += 8;
                }
                default -> {
                }
            }
            out.add(new NormalForm.Action(kind.canonicalName(), params));
        }
        return out;
    }

    static int sectionEnd(Reader r, int at) {
        int len = r.u32i(at);
        if (len < 4) {
            throw new Malformed("section at byte " + at + " has length " + len);
        }
        r.require(at, len, "section at byte " + at);
        return at + len;
    }

    static Operator operator(int id) {
        return Operator.fromId(id).orElseThrow(() -> new Malformed("unknown operator " + id));
    }

    /** Internal: stops decoding one hook. */
    static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }
}
