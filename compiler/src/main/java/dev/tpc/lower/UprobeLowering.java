package dev.tpc.lower;

import dev.tpc.model.KProbeArg;
import dev.tpc.model.KProbeSelector;
import dev.tpc.model.UProbeSpec;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lowers one {@code spec.uprobes} entry the way Tetragon's uprobe sensor ({@code addUprobe})
 * prepares it: one attach point per symbol, offset or address, all sharing the entry's argument
 * table and selectors. The argument table differs from a kprobe's in two ways that reach the
 * bytes: {@code event_config.idx} of unused positions stays 0 (the sensor assigns the whole
 * array), and a {@code string} argument carries the preload bit ({@link Arg#META_PRELOAD}).
 *
 * <p>Everything that needs the binary itself stays a value for the loader: a symbol is resolved
 * when attaching, an address is turned into a file offset when attaching. What tpc cannot
 * encode offline is refused: Override (its register assignments live in a map filled from the
 * binary's symbols), {@code resolve} on arguments (it reads {@code btfPath} on the node), and
 * relative paths (Tetragon makes them absolute against the agent's working directory).
 */
final class UprobeLowering {
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private UprobeLowering() {}

    static List<AttachPoint> lower(int i, UProbeSpec u, Map<String, KProbeSelector> macros) {
        String path = absolutePath(u);
        int symbols = u.symbols().size();
        int offsets = u.offsets().size();
        int addrs = u.addrs().size();
        int methods = (symbols > 0 ? 1 : 0) + (offsets > 0 ? 1 : 0) + (addrs > 0 ? 1 : 0);
        if (methods != 1) {
            throw new LoweringFailure("uprobe needs exactly one of either Symbols, Offsets or Addrs defined", u.span());
        }
        int refs = u.refCtrOffsets().size();
        if (refs != 0 && symbols != 0 && refs != symbols) {
            throw new LoweringFailure("RefCtrOffsets(" + refs + ") has different dimension than Symbols(" + symbols + ")",
                    u.valueSpan("refCtrOffsets"));
        }
        if (refs != 0 && offsets != 0 && refs != offsets) {
            throw new LoweringFailure("RefCtrOffsets(" + refs + ") has different dimension than Offsets(" + offsets + ")",
                    u.valueSpan("refCtrOffsets"));
        }
        if (refs != 0 && addrs != 0 && refs < addrs) {
            // Tetragon indexes refCtrOffsets by the address's position and would crash
            throw new LoweringFailure("RefCtrOffsets(" + refs + ") has fewer entries than Addrs(" + addrs + ")",
                    u.valueSpan("refCtrOffsets"));
        }

        // Tetragon compiles the selectors before it reads the argument table
        List<SelectorLowering.SigArg> sigArgs = u.args().stream().map(Lowering::sig).toList();
        List<SelectorLowering.SigArg> sigData = u.data().stream().map(Lowering::sig).toList();
        Optional<SelectorLowering.SigArg> returnSig = Boolean.TRUE.equals(u.isReturn()) && u.returnArg() != null
                ? Optional.of(Lowering.sig(u.returnArg())) : Optional.empty();
        List<Selector> selectors = selectors(u, macros, sigArgs, sigData, returnSig);

        List<Arg> table = new ArrayList<>();
        if (u.args().size() + u.data().size() > 5) {
            throw new LoweringFailure("too many arguments, max 5: args(" + u.args().size() + ") data(" + u.data().size() + ")",
                    u.valueSpan("args"));
        }
        boolean preload = false;
        for (int j = 0; j < u.args().size(); j++) {
            KProbeArg a = u.args().get(j);
            if (a.source() != null && !a.source().isEmpty()) {
                throw new LoweringFailure("standard argument can't have source set '" + a.source() + "'", a.valueSpan("source"));
            }
            if (a.resolve() != null && !a.resolve().isEmpty()) {
                throw new LoweringFailure("resolve on uprobe arguments reads the types of btfPath on the node;"
                        + " tpc does not encode it yet", a.valueSpan("resolve"));
            }
            Arg arg = Lowering.kprobeArg(j, a, Arg.Role.ARG);
            if (arg.type() == ArgType.STRING) {
                if (preload) {
                    throw new LoweringFailure("error: can't preload more than one argument", a.valueSpan("type"));
                }
                preload = true;
                arg = new Arg(arg.position(), arg.role(), arg.index(), arg.type(), arg.meta() | Arg.META_PRELOAD,
                        0, arg.label(), arg.resolve());
            }
            table.add(arg);
        }
        for (int d = 0; d < u.data().size(); d++) {
            KProbeArg a = u.data().get(d);
            String source = a.source() == null ? "" : a.source();
            if (!source.equals("current_task") && !source.equals("pt_regs")) {
                throw new LoweringFailure("data argument has wrong source '" + source + "'", a.valueSpan("source"));
            }
            if (a.resolve() == null || a.resolve().isEmpty()) {
                throw new LoweringFailure("data argument missing 'resolve' setup", a.span());
            }
            if (source.equals("pt_regs")) {
                throw new LoweringFailure("data arguments read from pt_regs are not encoded by tpc yet", a.valueSpan("source"));
            }
            table.add(Lowering.kprobeArg(u.args().size() + d, a, Arg.Role.DATA));
        }

        Optional<ArgType> returnType = Optional.empty();
        if (Boolean.TRUE.equals(u.isReturn())) {
            KProbeArg r = u.returnArg();
            String rt = r == null || r.type() == null ? "" : r.type().wire();
            if (rt.isEmpty()) {
                throw new LoweringFailure("ReturnArg not specified with Return=true", u.span());
            }
            ArgType t = ArgType.fromName(rt).orElseThrow(() -> new LoweringFailure(
                    "ReturnArg type '" + rt + "' unsupported", u.valueSpan("returnArg")));
            returnType = Optional.of(t);
        }

        List<AttachPoint> out = new ArrayList<>();
        if (symbols > 0) {
            for (int k = 0; k < symbols; k++) {
                String sym = u.symbols().get(k) == null ? "" : u.symbols().get(k);
                long off = symbolOffset(sym, u);
                out.add(point(i, u, new AttachTarget.UserFunction(path, AttachTarget.UserFunction.Location.SYMBOL, sym, off,
                        refCtr(u, k)), table, returnType, selectors));
            }
        } else {
            boolean isOffsets = offsets > 0;
            List<BigInteger> values = isOffsets ? u.offsets() : u.addrs();
            for (int k = 0; k < values.size(); k++) {
                long v = u64(values.get(k), isOffsets ? "offsets" : "addrs", u);
                out.add(point(i, u, new AttachTarget.UserFunction(path, isOffsets ? AttachTarget.UserFunction.Location.OFFSET
                        : AttachTarget.UserFunction.Location.ADDRESS, "", v, refCtr(u, k)), table, returnType, selectors));
            }
        }
        return out;
    }

    private static List<Selector> selectors(UProbeSpec u, Map<String, KProbeSelector> macros,
                                            List<SelectorLowering.SigArg> sigArgs, List<SelectorLowering.SigArg> sigData,
                                            Optional<SelectorLowering.SigArg> returnSig) {
        List<KProbeSelector> sels = Macros.apply(u.selectors(), macros, "append macros selectors");
        SelectorLowering sl = new SelectorLowering(sigArgs, sigData, returnSig, new ArgValues(null));
        List<Selector> selectors = new ArrayList<>();
        for (int s = 0; s < sels.size(); s++) {
            Selector sel = sl.lower(s, sels.get(s));
            List<Action> actions = new ArrayList<>(sel.actions());
            actions.addAll(sel.returnActions());
            for (Action a : actions) {
                if (a.kind() == ActionKind.GET_URL || a.kind() == ActionKind.DNS_LOOKUP) {
                    throw new LoweringFailure("failed to configure uprobe, GetUrl and DnsLookup actions not supported",
                            sels.get(s).span());
                }
                if (a.kind() == ActionKind.OVERRIDE) {
                    throw new LoweringFailure("uprobe Override sets registers through a map the loader fills from the"
                            + " binary's symbols (argRegs, argNew*); tpc does not encode it yet", sels.get(s).span());
                }
            }
            selectors.add(sel);
        }

        return selectors;
    }

    private static AttachPoint point(int i, UProbeSpec u, AttachTarget target, List<Arg> table,
                                     Optional<ArgType> returnType, List<Selector> selectors) {
        return new AttachPoint(HookKind.UPROBE, i, target, false, table, returnType, Optional.empty(), selectors, u.span());
    }

    /** Tetragon's {@code parseSymbol}: {@code sym} or {@code sym+off} with off in Go's base-0 syntax. */
    private static long symbolOffset(String sym, UProbeSpec u) {
        String[] parts = sym.split("\\+", -1);
        if (parts.length == 1) {
            return 0;
        }
        if (parts.length != 2) {
            throw new LoweringFailure("failed to parse symbol: wrong symbol \"" + sym + "\"", u.valueSpan("symbols"));
        }
        GoNumbers.Parsed p = GoNumbers.parseUint(parts[1], 0, 64);
        if (!p.ok()) {
            throw new LoweringFailure("failed to parse symbol: wrong offset \"" + parts[1] + "\"", u.valueSpan("symbols"));
        }
        if (p.value() < 0) {
            throw new LoweringFailure("symbol offset " + parts[1] + " is larger than any binary", u.valueSpan("symbols"));
        }
        return p.value();
    }

    private static long refCtr(UProbeSpec u, int k) {
        return u.refCtrOffsets().isEmpty() ? 0 : u64(u.refCtrOffsets().get(k), "refCtrOffsets", u);
    }

    /** A uint64 of the policy that must fit a file offset or address (below 2^63). */
    private static long u64(BigInteger v, String field, UProbeSpec u) {
        if (v == null || v.signum() < 0 || v.compareTo(LONG_MAX) > 0) {
            throw new LoweringFailure(field + " value " + v + " is not a file offset or address tpc can attach to",
                    u.valueSpan(field));
        }
        return v.longValue();
    }

    /**
     * Tetragon's {@code filepath.Abs}: an absolute path is cleaned ({@code //}, {@code .} and
     * {@code ..} removed); a relative one would be joined to the agent's working directory.
     */
    private static String absolutePath(UProbeSpec u) {
        String p = u.path() == null ? "" : u.path();
        if (p.isEmpty()) {
            throw new LoweringFailure("uprobe path is empty", u.valueSpan("path"));
        }
        if (!p.startsWith("/")) {
            throw new LoweringFailure("path '" + p + "' is relative: Tetragon makes it absolute against its agent's"
                    + " working directory, which tpc cannot know; write the absolute path", u.valueSpan("path"));
        }
        return clean(p);
    }

    /** Go's {@code filepath.Clean} for an absolute path. */
    static String clean(String absolute) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : absolute.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return "/" + String.join("/", parts);
    }
}
