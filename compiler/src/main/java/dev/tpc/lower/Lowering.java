package dev.tpc.lower;

import dev.tpc.diag.SourceSpan;
import dev.tpc.model.KProbeArg;
import dev.tpc.model.KProbeSelector;
import dev.tpc.model.KProbeSpec;
import dev.tpc.model.ListSpec;
import dev.tpc.model.LsmHookSpec;
import dev.tpc.model.TracepointSpec;
import dev.tpc.model.TracingPolicy;
import dev.tpc.model.TracingPolicySpec;
import dev.tpc.target.TracepointFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Entry point of the lower stage: a checked policy becomes one {@link AttachPoint} per place a
 * program attaches, for one target (architecture and tracepoint formats). Lowering reproduces
 * what Tetragon's sensors compute before encoding: syscall prefixes, list expansion, argument
 * tables, tracepoint field typing and index rewriting, selector macros, value parsing. A hook
 * Tetragon would refuse yields a {@link LoweringProblem} instead of an attach point.
 */
public final class Lowering {
    private Lowering() {}

    public static LoweredPolicy lower(TracingPolicy policy, LoweringTarget target) {
        String name = policy.metadata() == null || policy.metadata().name() == null ? "" : policy.metadata().name();
        List<AttachPoint> out = new ArrayList<>();
        List<LoweringProblem> problems = new ArrayList<>();
        TracingPolicySpec spec = policy.spec();
        if (spec == null) {
            return new LoweredPolicy(name, target.name(), out, problems, false);
        }
        Map<String, KProbeSelector> macros = spec.selectorsMacros();
        for (int i = 0; i < spec.kprobes().size(); i++) {
            KProbeSpec k = spec.kprobes().get(i);
            int at = i;
            run("kprobes[" + i + "]", k.span(), problems, () -> out.addAll(kprobe(HookKind.KPROBE, at, k, spec, macros, target)));
        }
        for (int i = 0; i < spec.fentries().size(); i++) {
            KProbeSpec k = spec.fentries().get(i);
            int at = i;
            run("fentries[" + i + "]", k.span(), problems, () -> out.addAll(kprobe(HookKind.FENTRY, at, k, spec, macros, target)));
        }
        for (int i = 0; i < spec.tracepoints().size(); i++) {
            TracepointSpec t = spec.tracepoints().get(i);
            int at = i;
            run("tracepoints[" + i + "]", t.span(), problems, () -> out.add(tracepoint(at, t, spec, macros, target)));
        }
        for (int i = 0; i < spec.lsmhooks().size(); i++) {
            LsmHookSpec l = spec.lsmhooks().get(i);
            int at = i;
            run("lsmhooks[" + i + "]", l.span(), problems, () -> out.add(lsm(at, l, macros)));
        }
        for (int i = 0; i < spec.uprobes().size(); i++) {
            dev.tpc.model.UProbeSpec u = spec.uprobes().get(i);
            int at = i;
            run("uprobes[" + i + "]", u.span(), problems, () -> out.addAll(UprobeLowering.lower(at, u, macros)));
        }
        for (int i = 0; i < spec.usdts().size(); i++) {
            problems.add(new LoweringProblem("usdts[" + i + "]", "usdts are not lowered by tpc yet", spec.usdts().get(i).span()));
        }
        return new LoweredPolicy(name, target.name(), out, problems, kprobeMultiDisabled(spec));
    }

    /** The option {@code disable-kprobe-multi}, read with Go's strconv.ParseBool (Tetragon ignores a bad value here). */
    private static boolean kprobeMultiDisabled(TracingPolicySpec spec) {
        boolean disabled = false;
        for (dev.tpc.model.OptionSpec o : spec.options()) {
            if ("disable-kprobe-multi".equals(o.name()) && o.value() != null) {
                disabled = switch (o.value()) {
                    case "1", "t", "T", "TRUE", "true", "True" -> true;
                    default -> false;
                };
            }
        }
        return disabled;
    }

    private static void run(String hook, SourceSpan span, List<LoweringProblem> problems, Runnable r) {
        try {
            r.run();
        } catch (LoweringFailure f) {
            problems.add(new LoweringProblem(hook, f.getMessage(), f.span() == null ? span : f.span()));
        } catch (IllegalArgumentException e) {
            problems.add(new LoweringProblem(hook, e.getMessage(), span));
        }
    }

    private static List<AttachPoint> kprobe(HookKind kind, int i, KProbeSpec k, TracingPolicySpec spec,
                                            Map<String, KProbeSelector> macros, LoweringTarget target) {
        String call = k.call() == null ? "" : k.call();
        boolean syscall = k.syscall() == null || k.syscall();
        List<AttachTarget> targets = new ArrayList<>();
        if (call.startsWith("list:")) {
            ListSpec list = findList(spec, call.substring(5));
            if (list == null) {
                throw new LoweringFailure("list '" + call + "' not found", k.valueSpan("call"));
            }
            String type = listType(list);
            switch (type) {
                case "syscalls" -> {
                    syscall = true;
                    for (String v : list.values()) {
                        targets.add(new AttachTarget.KernelFunction(Syscalls.symbol(v, target.arch())));
                    }
                }
                case "generated_syscalls", "generated_ftrace" -> {
                    if (type.equals("generated_syscalls")) {
                        syscall = true;
                    }
                    targets.add(new AttachTarget.NodeGeneratedFunctions(list.name(), type,
                            list.pattern() == null ? "" : list.pattern()));
                }
                default -> list.values().forEach(v -> targets.add(new AttachTarget.KernelFunction(v)));
            }
        } else {
            targets.add(new AttachTarget.KernelFunction(call));
        }
        if (syscall) {
            for (int t = 0; t < targets.size(); t++) {
                if (targets.get(t) instanceof AttachTarget.KernelFunction f) {
                    targets.set(t, new AttachTarget.KernelFunction(Syscalls.addPrefix(f.symbol(), target.arch())));
                }
            }
        }

        if (k.args().size() + k.data().size() > 5) {
            throw new LoweringFailure("too many arguments, max 5: args(" + k.args().size() + ") data(" + k.data().size() + ")",
                    k.valueSpan("args"));
        }
        List<Arg> table = new ArrayList<>();
        List<SelectorLowering.SigArg> sigArgs = new ArrayList<>();
        List<SelectorLowering.SigArg> sigData = new ArrayList<>();
        for (int j = 0; j < k.args().size(); j++) {
            KProbeArg a = k.args().get(j);
            if (a.source() != null && !a.source().isEmpty()) {
                throw new LoweringFailure("standard argument is not allowed to have source configured, current value: '"
                        + a.source() + "'", a.valueSpan("source"));
            }
            table.add(kprobeArg(j, a, Arg.Role.ARG));
            sigArgs.add(sig(a));
        }
        for (int d = 0; d < k.data().size(); d++) {
            KProbeArg a = k.data().get(d);
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
            table.add(kprobeArg(k.args().size() + d, a, Arg.Role.DATA));
            sigData.add(sig(a));
        }

        Optional<ArgType> returnType = Optional.empty();
        Optional<SelectorLowering.SigArg> returnSig = Optional.empty();
        if (Boolean.TRUE.equals(k.isReturn())) {
            KProbeArg r = k.returnArg();
            String rt = r == null || r.type() == null ? "" : r.type().wire();
            if (rt.isEmpty()) {
                throw new LoweringFailure("ReturnArg not specified with Return=true", k.span());
            }
            ArgType t = ArgType.fromName(rt).orElseThrow(() -> new LoweringFailure(
                    "ReturnArg type '" + rt + "' unsupported", k.valueSpan("returnArg")));
            returnType = Optional.of(t);
            returnSig = Optional.of(sig(r));
        }
        Optional<ActionKind> returnAction = Optional.empty();
        if (k.returnArgAction() != null && !k.returnArgAction().isEmpty()) {
            ActionKind a = ActionKind.parse(k.returnArgAction()).orElseThrow(() -> new LoweringFailure(
                    "ReturnArgAction type '" + k.returnArgAction() + "' unsupported", k.valueSpan("returnArgAction")));
            returnAction = Optional.of(a);
        }

        List<KProbeSelector> sels = Macros.apply(k.selectors(), macros, "append macros selectors");
        SelectorLowering sl = new SelectorLowering(sigArgs, sigData, returnSig, new ArgValues(null));
        List<Selector> selectors = new ArrayList<>();
        for (int s = 0; s < sels.size(); s++) {
            selectors.add(sl.lower(s, sels.get(s)));
        }
        List<AttachPoint> out = new ArrayList<>();
        for (AttachTarget t : targets) {
            out.add(new AttachPoint(kind, i, t, syscall, table, returnType, returnAction, selectors, k.span()));
        }
        return out;
    }

    static Arg kprobeArg(int position, KProbeArg a, Arg.Role role) {
        String typeName = a.type() == null ? "auto" : a.type().wire();
        ArgType type = typeName.equals("bpf_cmd") ? ArgType.INT : ArgType.fromName(typeName).orElse(null);
        if (type == null) {
            throw new LoweringFailure("Arg(" + position + ") type '" + typeName + "' unsupported", a.valueSpan("type"));
        }
        int meta = 0;
        if (a.sizeArgIndex() != null && a.sizeArgIndex() > 0) {
            if (a.sizeArgIndex() > 15) {
                throw new LoweringFailure("invalid SizeArgIndex value (>15): " + a.sizeArgIndex(), a.valueSpan("sizeArgIndex"));
            }
            meta = a.sizeArgIndex().intValue();
        }
        if (Boolean.TRUE.equals(a.returnCopy())) {
            meta |= Arg.META_RETURN_COPY;
        }
        if (Boolean.TRUE.equals(a.maxData())) {
            meta |= Arg.META_MAX_DATA;
        }
        if ("current_task".equals(a.source())) {
            meta |= Arg.META_CURRENT_TASK;
        }
        long index = a.index() == null ? 0 : a.index();
        if (index > 4) {
            throw new LoweringFailure("error add arg: ArgType " + typeName + " Index " + index + " out of bounds",
                    a.valueSpan("index"));
        }
        Optional<String> resolve = a.resolve() == null || a.resolve().isEmpty() ? Optional.empty() : Optional.of(a.resolve());
        return new Arg(position, role, (int) index, type, meta, 0, a.label() == null ? "" : a.label(), resolve);
    }

    /** The declared type is what filters compare by (Tetragon's {@code GenericTypeFromString}, no user types). */
    static SelectorLowering.SigArg sig(KProbeArg a) {
        String typeName = a.type() == null ? "auto" : a.type().wire();
        return new SelectorLowering.SigArg(a.index() == null ? 0 : a.index(), ArgType.fromName(typeName), typeName);
    }

    private static AttachPoint tracepoint(int i, TracepointSpec tp, TracingPolicySpec spec,
                                          Map<String, KProbeSelector> macros, LoweringTarget target) {
        String subsys = tp.subsystem() == null ? "" : tp.subsystem();
        String event = tp.event() == null ? "" : tp.event();
        if (subsys.isEmpty()) {
            throw new LoweringFailure("tracepoint subsystem is empty", tp.valueSpan("subsystem"));
        }
        if (event.isEmpty()) {
            throw new LoweringFailure("tracepoint event is empty", tp.valueSpan("event"));
        }
        List<KProbeSelector> sels = Macros.apply(tp.selectors(), macros, "append macros selectos");
        AttachTarget where = new AttachTarget.Tracepoint(subsys, event);
        List<Arg> args;
        List<SelectorLowering.SigArg> sig;
        HookKind kind;
        if (Boolean.TRUE.equals(tp.raw())) {
            kind = HookKind.RAW_TRACEPOINT;
            args = new ArrayList<>();
            sig = new ArrayList<>();
            if (tp.args().size() > 5) {
                throw new LoweringFailure("number of arguments (" + tp.args().size() + ") larger than max (5)", tp.valueSpan("args"));
            }
            for (int j = 0; j < tp.args().size(); j++) {
                KProbeArg a = tp.args().get(j);
                long idx = a.index() == null ? 0 : a.index();
                if (idx > 5) {
                    throw new LoweringFailure("raw tracepoint " + where.name() + " can read up to 5 arguments, but index "
                            + idx + " was requested in args[" + j + "]", a.valueSpan("index"));
                }
                Arg arg = kprobeArg(j, a, Arg.Role.ARG);
                args.add(new Arg(j, Arg.Role.ARG, (int) idx, arg.type(), arg.meta(), 0, arg.label(), arg.resolve()));
                sig.add(new SelectorLowering.SigArg(j, Optional.of(arg.type()), arg.type().canonicalName()));
            }
        } else {
            kind = HookKind.TRACEPOINT;
            TracepointFormat format = target.tracepoint(subsys, event).orElseThrow(() -> new LoweringFailure(
                    "tracepoint " + where.name() + " not supported: no format known for target " + target.name(), tp.span()));
            TracepointLowering.Lowered l = TracepointLowering.lower(tp, format, sels);
            args = l.args();
            sig = l.sig();
            sels = l.selectors();
        }
        ArgValues.ListResolver lists = (listName, type, span) -> listMembers(spec, listName, type, span, target);
        SelectorLowering sl = new SelectorLowering(sig, List.of(), Optional.empty(), new ArgValues(lists));
        List<Selector> selectors = new ArrayList<>();
        for (int s = 0; s < sels.size(); s++) {
            selectors.add(sl.lower(s, sels.get(s)));
        }
        return new AttachPoint(kind, i, where, false, args, Optional.empty(), Optional.empty(), selectors, tp.span());
    }

    /** Tetragon's tracepoint list reader: syscall lists only, syscall64 arguments only. */
    private static FilterValues.Item listMembers(TracingPolicySpec spec, String name, ArgType type, SourceSpan span,
                                                 LoweringTarget target) {
        String pfx = "parseMatchArgs  error: writeMatchRangesInMap error: ";
        ListSpec list = findList(spec, name);
        if (list == null) {
            throw new LoweringFailure(pfx + "error list '" + name + "' not found", span);
        }
        String lt = listType(list);
        if (!lt.equals("syscalls") && !lt.equals("generated_syscalls")) {
            throw new LoweringFailure(pfx + "error list '" + name + "' is not syscall type", span);
        }
        if (type != ArgType.SYSCALL64) {
            throw new LoweringFailure(pfx + "error list '" + name + "' argument type is not syscall64", span);
        }
        if (lt.equals("generated_syscalls")) {
            return new FilterValues.NodeList(name, lt);
        }
        List<Long> ids = new ArrayList<>();
        for (String v : list.values()) {
            ids.add(Syscalls.id(v, target.arch()) & 0xFFFF_FFFFL);
        }
        return new FilterValues.ListMembers(name, ids);
    }

    private static AttachPoint lsm(int i, LsmHookSpec l, Map<String, KProbeSelector> macros) {
        String hook = l.hook() == null ? "" : l.hook();
        if (hook.isEmpty()) {
            throw new LoweringFailure("lsm hook name is empty", l.valueSpan("hook"));
        }
        List<Arg> table = new ArrayList<>();
        List<SelectorLowering.SigArg> sig = new ArrayList<>();
        for (int j = 0; j < l.args().size(); j++) {
            KProbeArg a = l.args().get(j);
            table.add(kprobeArg(j, a, Arg.Role.ARG));
            sig.add(sig(a));
        }
        List<KProbeSelector> sels = Macros.apply(l.selectors(), macros, "append macros selectors");
        SelectorLowering sl = new SelectorLowering(sig, List.of(), Optional.empty(), new ArgValues(null));
        List<Selector> selectors = new ArrayList<>();
        for (int s = 0; s < sels.size(); s++) {
            selectors.add(sl.lower(s, sels.get(s)));
        }
        return new AttachPoint(HookKind.LSM, i, new AttachTarget.LsmHook(hook), false, table, Optional.empty(),
                Optional.empty(), selectors, l.span());
    }

    private static ListSpec findList(TracingPolicySpec spec, String name) {
        for (ListSpec l : spec.lists()) {
            if (name.equals(l.name())) {
                return l;
            }
        }
        return null;
    }

    private static String listType(ListSpec l) {
        String t = l.type() != null ? l.type().wire() : l.text("type");
        return t == null ? "" : t.toLowerCase(Locale.ROOT);
    }
}
