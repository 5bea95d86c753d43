package dev.tpc.bundle;

import dev.tpc.abi.TemplateAbi;
import dev.tpc.encode.EncodedHook;
import dev.tpc.encode.MapContents;
import dev.tpc.encode.PatchSite;
import dev.tpc.encode.Specialisation;
import dev.tpc.lower.Arg;
import dev.tpc.lower.AttachPoint;
import dev.tpc.lower.AttachTarget;
import dev.tpc.lower.BinaryFilter;
import dev.tpc.lower.HookKind;
import dev.tpc.lower.PidFilter;
import dev.tpc.lower.Selector;
import dev.tpc.target.KernelVersion;
import dev.tpc.target.Arch;
import dev.tpc.target.TargetProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Derives a hook's loader config from its encoding, the target profile and the template ABI: the
 * template and variant, the {@code tpc_cfg} switches, the map shapes and the relocations.
 */
final class LoaderConfigBuilder {
    private static final Map<String, Integer> SECTION_BITS = Map.of(
            "pids", TemplateAbi.Section.PIDS,
            "namespaces", TemplateAbi.Section.NAMESPACES,
            "capabilities", TemplateAbi.Section.CAPABILITIES,
            "namespace_changes", TemplateAbi.Section.NAMESPACE_CHANGES,
            "capability_changes", TemplateAbi.Section.CAPABILITY_CHANGES,
            "binaries", TemplateAbi.Section.BINARIES,
            "parent_binaries", TemplateAbi.Section.PARENT_BINARIES,
            "args", TemplateAbi.Section.ARGS,
            "return_args", TemplateAbi.Section.ARGS);

    private LoaderConfigBuilder() {}

    static LoaderConfig build(String policyName, PolicyMode mode, Arch arch, TargetProfile profile, int index, BundleInput.Hook h) {
        EncodedHook e = h.encoded();
        AttachPoint ap = e.attachPoint();
        TemplateAbi.Variant layoutVariant = e.variant().kernel511() ? TemplateAbi.Variant.V511 : TemplateAbi.Variant.V510;
        int abiKind = abiHookKind(ap.kind());
        String unavailable = "";
        Optional<LoaderConfig.Template> template = Optional.empty();
        Optional<TemplateAbi.ProgramSpec> program = TemplateAbi.Programs.ALL.stream()
                .filter(p -> abiKind != 0 && p.hookKind() == abiKind).findFirst();
        int returnKind = abiReturnKind(ap.kind());
        Optional<TemplateAbi.ProgramSpec> returnProgram = program.flatMap(entry -> TemplateAbi.Programs.ALL.stream()
                .filter(p -> returnKind != 0 && p.hookKind() == returnKind && p.object().equals(entry.object())).findFirst());
        Optional<TemplateAbi.Variant> variant = variantFor(profile.kernel());
        List<MapContents> contents = e.maps();
        if (arch != Arch.X86_64) {
            // the templates read x86 registers and are compiled with __TARGET_ARCH_x86
            unavailable = "tpc's BPF templates are built for x86_64 only, not " + arch.id();
        } else if (program.isEmpty()) {
            unavailable = "tpc's BPF templates have no program for " + LoaderConfigCodec.kindId(ap.kind()) + " hooks yet";
        } else if (variant.isEmpty()) {
            unavailable = "tpc's BPF templates are built for kernels 5.10 and later, not " + profile.kernel();
        } else if (variant.get().stringBuckets() != e.variant().stringBuckets()) {
            unavailable = "the target has " + e.variant().stringBuckets() + " string buckets but template variant "
                    + variant.get().id() + " has " + variant.get().stringBuckets();
        } else if (ap.args().stream().anyMatch(Arg::returnCopy)) {
            unavailable = "tpc's BPF templates do not copy arguments at return (returnCopy) yet";
        } else if (ap.needsReturnProbe() && returnProgram.isEmpty()) {
            unavailable = "tpc's BPF templates have no return probe program for " + LoaderConfigCodec.kindId(ap.kind()) + " hooks";
        } else if (ap.target() instanceof AttachTarget.NodeGeneratedFunctions g) {
            unavailable = "the functions of list '" + g.list() + "' are known only on the node, and tpc's runtime does not"
                    + " expand generated lists yet";
        } else if (e.specialisation().sections().contains("workloads")) {
            unavailable = "matchWorkloads needs Kubernetes workload maps that tpc's BPF templates do not have";
        } else {
            Optional<String> missing = contents.stream().map(MapContents::name)
                    .filter(n -> abiMap(n).filter(m -> m.existsIn(variant.get())).isEmpty()).findFirst();
            if (missing.isPresent()) {
                unavailable = "tpc's BPF templates have no map " + missing.get() + " (the hook's filters need it)";
            } else {
                template = Optional.of(new LoaderConfig.Template(program.get().object(), program.get().program(),
                        ap.needsReturnProbe() ? returnProgram.get().program() : "", variant.get().id()));
            }
        }
        Map<String, Long> fields = rodataFields(ap, e.specialisation(), abiKind, mode);
        LoaderConfig.Rodata rodata = rodata(fields);
        Optional<LoaderConfig.Rodata> returnRodata = template.filter(t -> !t.returnProgram().isEmpty())
                .map(t -> rodata(returnRodataFields(ap, returnKind, mode)));
        List<LoaderConfig.MapShape> maps = new ArrayList<>(shapes(LoaderConfig.Side.ENTRY, contents, layoutVariant));
        if (e.returnFilter().isPresent()) {
            maps.addAll(shapes(LoaderConfig.Side.RETURN, contents, layoutVariant));
        }
        return new LoaderConfig(profile.name(), index, ap.name(), ap.kind(), ap.hookIndex(), ap.target(), ap.syscall(),
                ap.needsReturnProbe(), e.returnFilter().isPresent(), template, unavailable, rodata, returnRodata, maps,
                relocations(e.patches()), e.specialisation(), event(policyName, ap, h), e.actionArgs());
    }

    /** The template ABI's hook kind for an attach point, 0 when the ABI has none. */
    static int abiHookKind(HookKind kind) {
        return switch (kind) {
            case TRACEPOINT -> TemplateAbi.HookKind.TRACEPOINT;
            case RAW_TRACEPOINT -> TemplateAbi.HookKind.RAW_TP;
            case KPROBE -> TemplateAbi.HookKind.KPROBE;
            case UPROBE -> TemplateAbi.HookKind.UPROBE;
            default -> 0;
        };
    }

    /** The template ABI's hook kind of the return program for an attach point's kind, 0 when none. */
    static int abiReturnKind(HookKind kind) {
        return switch (kind) {
            case KPROBE -> TemplateAbi.HookKind.KRETPROBE;
            case UPROBE -> TemplateAbi.HookKind.URETPROBE;
            default -> 0;
        };
    }

    private static LoaderConfig.Rodata rodata(Map<String, Long> fields) {
        return new LoaderConfig.Rodata(TemplateAbi.TpcHookConfig.RODATA_SYMBOL,
                dev.tpc.lower.Bytes.of(HookConfigLayout.encode(fields)), fields);
    }

    /**
     * The return program's switches: only what matchReturnArgs and matchReturnActions use, one
     * argument (the return value, typed by returnArg).
     */
    private static Map<String, Long> returnRodataFields(AttachPoint ap, int abiKind, PolicyMode mode) {
        long sections = 0;
        long actions = 0;
        long argOps = 0;
        for (Selector sel : ap.selectors()) {
            if (!sel.returnArgs().isEmpty()) {
                sections |= TemplateAbi.Section.ARGS;
            }
            for (dev.tpc.lower.ArgFilter f : sel.returnArgs()) {
                argOps |= 1L << f.op().id();
            }
            for (dev.tpc.lower.Action a : sel.returnActions()) {
                sections |= TemplateAbi.Section.ACTIONS;
                actions |= 1L << a.kind().id();
            }
        }
        long argTypes = ap.returnArgType().map(t -> t.id() > 0 && t.id() < 64 ? 1L << t.id() : 0L).orElse(0L);
        Map<String, Long> f = new LinkedHashMap<>();
        f.put("hook_kind", (long) abiKind);
        f.put("hook_id", 0L);
        f.put("sections", sections);
        f.put("actions", actions);
        f.put("arg_ops", argOps);
        f.put("bin_ops", 0L);
        f.put("max_selectors", (long) ap.selectors().size());
        f.put("nargs", ap.returnArgType().isPresent() ? 1L : 0L);
        f.put("flags", mode == PolicyMode.MONITOR_ONLY ? (long) TemplateAbi.ConfigFlag.MONITOR_ONLY : 0L);
        f.put("arg_types", argTypes);
        return HookConfigLayout.decode(HookConfigLayout.encode(f));
    }

    /** The template build whose kernel range holds the target's kernel. */
    static Optional<TemplateAbi.Variant> variantFor(KernelVersion kernel) {
        for (TemplateAbi.Variant v : TemplateAbi.Variant.values()) {
            KernelVersion min = KernelVersion.parse(v.minKernel()).orElseThrow();
            Optional<KernelVersion> max = v.maxKernelExclusive().isEmpty() ? Optional.empty()
                    : KernelVersion.parse(v.maxKernelExclusive());
            if (kernel.compareTo(min) >= 0 && max.map(m -> kernel.compareTo(m) < 0).orElse(true)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    private static Optional<TemplateAbi.MapSpec> abiMap(String name) {
        return TemplateAbi.Maps.ALL.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    private static Map<String, Long> rodataFields(AttachPoint ap, Specialisation s, int abiKind, PolicyMode mode) {
        long sections = 0;
        for (String sec : s.sections()) {
            sections |= SECTION_BITS.getOrDefault(sec, 0);
        }
        if (!s.actions().isEmpty()) {
            sections |= TemplateAbi.Section.ACTIONS;
        }
        long actions = 0;
        for (int a : s.actions()) {
            actions |= 1L << a;
        }
        long argOps = 0;
        for (int op : s.operators()) {
            argOps |= 1L << op;
        }
        long binOps = 0;
        boolean followForks = false;
        for (Selector sel : ap.selectors()) {
            for (Optional<BinaryFilter> b : List.of(sel.binaries(), sel.parentBinaries())) {
                if (b.isPresent()) {
                    binOps |= 1L << b.get().op().id();
                }
            }
            followForks |= sel.pids().stream().anyMatch(PidFilter::followForks);
        }
        long argTypes = 0;
        for (Arg a : ap.args()) {
            if (a.type().id() > 0 && a.type().id() < 64) {
                argTypes |= 1L << a.type().id();
            }
        }
        long flags = (mode == PolicyMode.MONITOR_ONLY ? TemplateAbi.ConfigFlag.MONITOR_ONLY : 0)
                | (followForks ? TemplateAbi.ConfigFlag.FOLLOW_FORKS_PIDS : 0)
                | (ap.needsReturnProbe() ? TemplateAbi.ConfigFlag.RETURN_PROBE : 0);
        Map<String, Long> f = new LinkedHashMap<>();
        f.put("hook_kind", (long) abiKind);
        f.put("hook_id", 0L);
        f.put("sections", sections);
        f.put("actions", actions);
        f.put("arg_ops", argOps);
        f.put("bin_ops", binOps);
        f.put("max_selectors", (long) ap.selectors().size());
        f.put("nargs", (long) ap.args().size());
        f.put("flags", flags);
        f.put("arg_types", argTypes);
        return HookConfigLayout.decode(HookConfigLayout.encode(f));
    }

    /** Every Tetragon map of the hook's program in ABI order, then maps the ABI lacks, with their sizes and contents. */
    private static List<LoaderConfig.MapShape> shapes(LoaderConfig.Side side, List<MapContents> contents,
                                                      TemplateAbi.Variant variant) {
        MapContents.Side mside = side == LoaderConfig.Side.ENTRY ? MapContents.Side.ENTRY : MapContents.Side.RETURN;
        List<MapContents> mine = contents.stream().filter(m -> m.side() == mside).toList();
        List<LoaderConfig.MapShape> out = new ArrayList<>();
        TreeSet<String> listed = new TreeSet<>();
        for (TemplateAbi.MapSpec spec : TemplateAbi.Maps.ALL) {
            if (!spec.scope().equals("program") || !spec.origin().equals("tetragon") || spec.internal()
                    || !spec.existsIn(variant)) {
                continue;
            }
            listed.add(spec.name());
            String source = switch (spec.name()) {
                case "config_map" -> BundleLayout.EVENT_CONFIG;
                case "filter_map" -> side == LoaderConfig.Side.ENTRY ? BundleLayout.FILTER : BundleLayout.RETURN_FILTER;
                default -> mine.stream().anyMatch(m -> m.name().equals(spec.name())) ? BundleLayout.MAPS : "";
            };
            Optional<LoaderConfig.InnerShape> inner = spec.inner().map(i -> new LoaderConfig.InnerShape(i.type(),
                    i.keySize(variant), i.valueSize(), i.flags()));
            out.add(new LoaderConfig.MapShape(side, spec.name(), spec.type(), spec.keySize(), spec.valueSize(),
                    spec.maxEntries(), inner, instances(mine, spec.name()), source));
        }
        for (MapContents m : mine) {
            if (listed.add(m.name())) {
                // a map Tetragon's programs have and tpc's ABI does not describe (substring_map)
                out.add(new LoaderConfig.MapShape(side, m.name(), m.innerIndex() < 0 ? "ARRAY" : "ARRAY_OF_MAPS",
                        m.innerIndex() < 0 ? m.keySize() : 4, m.innerIndex() < 0 ? m.valueSize() : 4,
                        Math.max(1, m.innerIndex() < 0 ? m.entries().size() : 8), Optional.empty(),
                        instances(mine, m.name()), BundleLayout.MAPS));
            }
        }
        return out;
    }

    private static List<LoaderConfig.InnerInstance> instances(List<MapContents> mine, String outer) {
        return mine.stream().filter(m -> m.name().equals(outer) && m.innerIndex() >= 0)
                .map(m -> new LoaderConfig.InnerInstance(m.innerIndex(), m.innerName(), Math.max(1, m.entries().size()),
                        m.entries().size()))
                .toList();
    }

    private static List<LoaderConfig.Relocation> relocations(List<PatchSite> patches) {
        List<LoaderConfig.Relocation> out = new ArrayList<>();
        for (PatchSite p : patches) {
            out.add(switch (p.region()) {
                case FILTER -> new LoaderConfig.Relocation(p.fact(), LoaderConfig.Side.ENTRY, BundleLayout.FILTER, "", -1,
                        p.offset(), p.width());
                case RETURN_FILTER -> new LoaderConfig.Relocation(p.fact(), LoaderConfig.Side.RETURN,
                        BundleLayout.RETURN_FILTER, "", -1, p.offset(), p.width());
                case EVENT_CONFIG -> new LoaderConfig.Relocation(p.fact(), LoaderConfig.Side.ENTRY,
                        BundleLayout.EVENT_CONFIG, "", -1, p.offset(), p.width());
                case MB_SEL_OPTS_VALUE -> new LoaderConfig.Relocation(p.fact(), LoaderConfig.Side.ENTRY,
                        BundleLayout.MAPS, "tg_mb_sel_opts", p.key(), p.offset(), p.width());
            });
        }
        return out;
    }

    private static LoaderConfig.EventInfo event(String policyName, AttachPoint ap, BundleInput.Hook h) {
        String kind = switch (ap.kind()) {
            case TRACEPOINT, RAW_TRACEPOINT -> "process_tracepoint";
            case KPROBE, FENTRY -> "process_kprobe";
            case LSM -> "process_lsm";
            case UPROBE -> "process_uprobe";
            case USDT -> "process_usdt";
        };
        String subsystem = "";
        String event = "";
        String function = "";
        AttachTarget t = ap.target();
        if (t instanceof AttachTarget.Tracepoint tp) {
            subsystem = tp.subsystem();
            event = tp.event();
        } else if (t instanceof AttachTarget.UserFunction u) {
            function = u.eventSymbol();
        } else {
            function = t instanceof AttachTarget.NodeGeneratedFunctions g ? g.list() : t.name();
        }
        List<LoaderConfig.ArgInfo> args = new ArrayList<>();
        for (Arg a : ap.args()) {
            args.add(new LoaderConfig.ArgInfo(a.position(), a.role().name().toLowerCase(Locale.ROOT),
                    a.type().canonicalName(), a.label() == null ? "" : a.label()));
        }
        return new LoaderConfig.EventInfo(policyName, kind, subsystem, event, function, args, h.message(), h.tags());
    }
}
