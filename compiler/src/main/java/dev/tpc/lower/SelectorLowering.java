package dev.tpc.lower;

import dev.tpc.diag.SourceSpan;
import dev.tpc.model.ActionSelector;
import dev.tpc.model.ArgSelector;
import dev.tpc.model.BinarySelector;
import dev.tpc.model.CapabilitiesSelector;
import dev.tpc.model.KProbeSelector;
import dev.tpc.model.ModelNode;
import dev.tpc.model.NamespaceChangesSelector;
import dev.tpc.model.NamespaceSelector;
import dev.tpc.model.PIDSelector;
import dev.tpc.model.WireEnum;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Lowers one selector the way Tetragon's {@code InitKernelSelectorState} reads it: operators and
 * names resolved, values parsed per operator and argument type ({@link ArgValues}), filter
 * indexes turned into positions of the hook's argument table.
 */
final class SelectorLowering {

    /** One entry of the table filters name arguments by; {@code type} empty when Tetragon does not know it. */
    record SigArg(long index, Optional<ArgType> type, String typeName) {}

    private final List<SigArg> args;
    private final List<SigArg> data;
    private final Optional<SigArg> returnArg;
    private final ArgValues values;

    SelectorLowering(List<SigArg> args, List<SigArg> data, Optional<SigArg> returnArg, ArgValues values) {
        this.args = List.copyOf(args);
        this.data = List.copyOf(data);
        this.returnArg = returnArg;
        this.values = values;
    }

    Selector lower(int index, KProbeSelector s) {
        List<PidFilter> pids = new ArrayList<>();
        for (PIDSelector p : s.matchPIDs()) {
            Operator op = op(p, p.operator(), "parseMatchPids error: matchpid error", p.span());
            List<Long> v = new ArrayList<>();
            for (Long x : p.values()) {
                v.add(x & 0xFFFF_FFFFL);
            }
            pids.add(new PidFilter(op, bool(p.isNamespacePID()), bool(p.followForks()), v));
        }
        List<NamespaceFilter> namespaces = new ArrayList<>();
        for (NamespaceSelector n : s.matchNamespaces()) {
            namespaces.add(namespace(n));
        }
        List<CapabilityFilter> caps = new ArrayList<>();
        for (CapabilitiesSelector c : s.matchCapabilities()) {
            caps.add(capability(c, "parseMatchCapabilities error: "));
        }
        List<NamespaceChangeFilter> nsChanges = new ArrayList<>();
        for (NamespaceChangesSelector c : s.matchNamespaceChanges()) {
            nsChanges.add(namespaceChange(c));
        }
        List<CapabilityFilter> capChanges = new ArrayList<>();
        for (CapabilitiesSelector c : s.matchCapabilityChanges()) {
            capChanges.add(capability(c, "parseMatchCapabilityChanges error: "));
        }
        Optional<BinaryFilter> binaries = binaries(s.matchBinaries(), "matchBinaries", s.span());
        Optional<BinaryFilter> parents = binaries(s.matchParentBinaries(), "matchParentBinaries", s.span());

        List<ArgFilter> filters = new ArrayList<>();
        for (ArgSelector a : s.matchArgs()) {
            filters.add(argFilter(a, args, 0, false));
        }
        for (ArgSelector a : s.matchData()) {
            filters.add(argFilter(a, data, args.size(), true));
        }
        List<Action> actions = actions(s.matchActions());

        List<ArgFilter> returnFilters = new ArrayList<>();
        List<Action> returnActions = new ArrayList<>();
        if (returnArg.isPresent()) {
            for (ArgSelector a : s.matchReturnArgs()) {
                returnFilters.add(argFilter(a, List.of(returnArg.get()), 0, false));
            }
            returnActions = actions(s.matchReturnActions());
        }
        return new Selector(index, pids, namespaces, caps, nsChanges, capChanges, binaries, parents, filters, actions,
                returnFilters, returnActions, s.matchWorkloads() != null, s.span());
    }

    private NamespaceFilter namespace(NamespaceSelector n) {
        String nsName = n.namespace() != null ? n.namespace().wire() : n.text("namespace");
        Namespace ns = nsName == null ? null : Namespace.parse(nsName).orElse(null);
        if (ns == null) {
            throw new LoweringFailure("parseMatchNamespaces error: parseMatchNamespace: actionType "
                    + n.text("namespace") + " unknown", n.valueSpan("namespace"));
        }
        Operator op = op(n, n.operator(), "parseMatchNamespaces error: matchNamespace error", n.span());
        List<NamespaceFilter.Value> vals = new ArrayList<>();
        for (int i = 0; i < n.values().size(); i++) {
            String v = n.values().get(i);
            GoNumbers.Parsed p = GoNumbers.parseUint(v, 10, 32);
            if (p.ok()) {
                vals.add(new NamespaceFilter.Inode(p.value()));
            } else if (v.equals("host_ns")) {
                vals.add(new NamespaceFilter.HostNamespace());
            } else {
                throw new LoweringFailure("parseMatchNamespaces error: values for matchNamespace can only be numeric or"
                        + " \"host_ns\". (" + p.error() + ")", n.itemSpan("values", i));
            }
        }
        return new NamespaceFilter(ns, op, vals);
    }

    private NamespaceChangeFilter namespaceChange(NamespaceChangesSelector c) {
        Operator op = op(c, c.operator(), "parseMatchNamespaceChanges error: matchNamespaceChanges error", c.span());
        int mask = 0;
        for (int i = 0; i < c.values().size(); i++) {
            String v = c.values().get(i);
            Namespace ns = Namespace.parse(v).orElseThrow(() -> new LoweringFailure(
                    "parseMatchNamespaceChanges error: parseMatchNamespaceChange: actionType " + v + " unknown",
                    c.span()));
            mask |= 1 << ns.id();
        }
        return new NamespaceChangeFilter(op, mask);
    }

    private CapabilityFilter capability(CapabilitiesSelector c, String prefix) {
        String typeName = c.type() == null ? (c.has("type") ? c.text("type") : "Effective") : c.type().wire();
        CapabilitySet set = CapabilitySet.parse(typeName).orElseThrow(() -> new LoweringFailure(
                prefix + "parseMatchCapability: actionType " + typeName + " unknown", c.valueSpan("type")));
        Operator op = op(c, c.operator(), prefix + "matchCapabilities error", c.span());
        if (op != Operator.IN && op != Operator.NOT_IN) {
            throw new LoweringFailure(prefix + "matchCapabilities supports only In and NotIn operators", c.span());
        }
        long mask = 0;
        for (int i = 0; i < c.values().size(); i++) {
            String v = c.values().get(i);
            int bit = Capabilities.bit(v).orElse(-1);
            if (bit < 0) {
                throw new LoweringFailure(prefix + "value " + v.strip().toUpperCase(Locale.ROOT) + " unknown",
                        c.itemSpan("values", i));
            }
            mask |= 1L << bit;
        }
        return new CapabilityFilter(set, op, bool(c.isNamespaceCapability()), mask);
    }

    private Optional<BinaryFilter> binaries(List<BinarySelector> list, String what, SourceSpan span) {
        if (list.size() > 1) {
            throw new LoweringFailure("parse" + Character.toUpperCase(what.charAt(0)) + what.substring(1)
                    + " error: only support a single matchBinaries per selector", span);
        }
        if (list.isEmpty()) {
            return Optional.empty();
        }
        BinarySelector b = list.get(0);
        Operator op = op(b, b.operator(), "parse" + Character.toUpperCase(what.charAt(0)) + what.substring(1)
                + " error: " + what + " error", b.span());
        if (b.values().isEmpty()) {
            return Optional.empty(); // Tetragon drops an entry without values
        }
        List<Bytes> v = b.values().stream().map(Bytes::utf8).toList();
        return Optional.of(new BinaryFilter(op, v, bool(b.followChildren())));
    }

    private ArgFilter argFilter(ArgSelector a, List<SigArg> sig, int base, boolean matchData) {
        SourceSpan span = a.span();
        int position;
        SigArg target;
        if (!a.args().isEmpty()) {
            long i = a.args().get(0);
            if (i < 0 || i >= sig.size()) {
                throw new LoweringFailure("parseMatchArgs  error: wrong ArgSelector.Arg value " + i + ", max("
                        + sig.size() + ")", a.valueSpan("args"));
            }
            position = (int) i + base;
            target = sig.get((int) i);
        } else if (matchData) {
            long i = a.index() == null ? 0 : a.index();
            if (i < 0 || i >= sig.size()) {
                throw new LoweringFailure("parseMatchArgs  error: matchData index out of bonds (0," + sig.size() + ")",
                        a.valueSpan("index"));
            }
            position = (int) i + base;
            target = sig.get((int) i);
        } else {
            long want = a.index() == null ? 0 : a.index();
            int found = -1;
            for (int i = 0; i < sig.size(); i++) {
                if (sig.get(i).index() == want) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                throw new LoweringFailure("parseMatchArgs  error: argFilter for unknown index", a.valueSpan("index"));
            }
            position = found + base;
            target = sig.get(found);
        }
        Operator op = op(a, a.operator(), "parseMatchArgs  error: matcharg error", a.valueSpan("operator"));
        ArgType type = target.type().orElseThrow(() -> new LoweringFailure(
                "parseMatchArgs  error: MatchArgs type " + target.typeName() + " unsupported", span));
        FilterValues v = values.parse(a, op, type, sig, base);
        return new ArgFilter(position, op, type, v, span);
    }

    private List<Action> actions(List<ActionSelector> list) {
        List<Action> out = new ArrayList<>();
        for (ActionSelector a : list) {
            out.add(values.action(a));
        }
        return out;
    }

    /**
     * The operator of {@code n}: the model's value, or the text as written when the model did not
     * bind it (Tetragon's parser takes spellings the CRD enum does not, e.g. {@code eq}, {@code mask}).
     */
    static Operator op(ModelNode n, WireEnum e, String prefix, SourceSpan span) {
        String text = e != null ? e.wire() : n.text("operator");
        if (text == null) {
            throw new LoweringFailure(prefix + ": unknown op ''", span);
        }
        return Operator.parse(text).orElseThrow(() -> new LoweringFailure(prefix + ": unknown op '" + text + "'", span));
    }

    static boolean bool(Boolean b) {
        return b != null && b;
    }
}
