package dev.tpc.runtime.bundle;

import dev.tpc.abi.TemplateAbi;
import dev.tpc.bundle.Bundle;
import dev.tpc.bundle.BundleFormatException;
import dev.tpc.bundle.BundleManifest;
import dev.tpc.bundle.BundleReader;
import dev.tpc.bundle.HookBundle;
import dev.tpc.bundle.LoaderConfig;
import dev.tpc.bundle.PolicyMode;
import dev.tpc.encode.MapContents;
import dev.tpc.lower.AttachTarget;
import dev.tpc.lower.HookKind;
import dev.tpc.lower.NodeFact;
import dev.tpc.runtime.plan.Attach;
import dev.tpc.runtime.plan.Bytes;
import dev.tpc.runtime.plan.HookInfo;
import dev.tpc.runtime.plan.LoadPlan;
import dev.tpc.runtime.plan.MapContent;
import dev.tpc.runtime.plan.MapEntry;
import dev.tpc.runtime.plan.NodePatch;
import dev.tpc.runtime.plan.ProgramAttach;
import dev.tpc.runtime.plan.ProgramPlan;
import dev.tpc.runtime.plan.TemplateRef;
import dev.tpc.runtime.session.Templates;
import dev.tpc.target.Arch;
import dev.tpc.target.KernelVersion;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a verified bundle into the {@link LoadPlan} of one of its targets: the runtime never
 * reads the policy, only what the bundle's loader configs say. The bundle must have been compiled
 * for the running architecture and for the chosen target; anything the runtime cannot honour (a
 * hook without a template, a node value it cannot read) is refused with a message that says why.
 */
public final class BundlePlans {
    private BundlePlans() {}

    /** Reads a bundle file strictly, refusing one compiled for another architecture than {@code running}. */
    public static Bundle read(Path file, Arch running) throws IOException, BundleFormatException {
        return BundleReader.read(file, Optional.of(running));
    }

    /**
     * The bundle target for the running kernel: the one the user asked for, else the one whose
     * profile has the running kernel's major and minor version.
     *
     * @param requested the user's {@code --target}, if any
     * @param running   the running kernel's version
     */
    public static String chooseTarget(Bundle bundle, Optional<String> requested, KernelVersion running)
            throws BundlePlanException {
        List<String> names = bundle.manifest().targetNames();
        if (requested.isPresent()) {
            if (!names.contains(requested.get())) {
                throw new BundlePlanException("bundle of policy " + bundle.manifest().qualifiedName()
                        + " was compiled for " + String.join(", ", names) + ", not for target " + requested.get()
                        + "; compile it with --target " + requested.get());
            }
            return requested.get();
        }
        for (BundleManifest.Target t : bundle.manifest().targets()) {
            Optional<KernelVersion> k = KernelVersion.parse(t.kernel());
            if (k.isPresent() && k.get().major() == running.major() && k.get().minor() == running.minor()) {
                return t.name();
            }
        }
        throw new BundlePlanException("bundle of policy " + bundle.manifest().qualifiedName() + " was compiled for "
                + String.join(", ", names) + " but the running kernel is " + running
                + "; compile it for a profile of this kernel (tpc probe writes one) or name a target with --target");
    }

    /** The load plan of {@code target}: the exec tracker, then one attach point per hook of the target. */
    public static LoadPlan plan(Bundle bundle, String target) throws BundlePlanException {
        Bundle.TargetHooks t = bundle.target(target).orElseThrow(() -> new BundlePlanException(
                "bundle of policy " + bundle.manifest().qualifiedName() + " has no target " + target + " (it has "
                        + String.join(", ", bundle.manifest().targetNames()) + ")"));
        PolicyMode mode = PolicyMode.byId(bundle.manifest().policyMode()).orElse(PolicyMode.ENFORCE);
        List<ProgramPlan> hooks = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String variant = null;
        for (HookBundle h : t.hooks()) {
            LoaderConfig c = h.config();
            LoaderConfig.Template template = c.template().orElseThrow(() -> new BundlePlanException(
                    "hook " + c.hook() + " (" + c.name() + ") cannot be loaded by tpc's runtime: " + c.templateUnavailable()));
            if (variant != null && !variant.equals(template.variant())) {
                throw new BundlePlanException("the hooks of target " + target + " use different template variants");
            }
            variant = template.variant();
            String id = ids.add(c.name()) ? c.name() : c.name() + "#" + c.hook();
            ids.add(id);
            Attach where = attach(c, false);
            hooks.add(new ProgramPlan(id, new TemplateRef(template.object(), template.variant()),
                    List.of(new ProgramAttach(template.program(), where)), Set.of(template.program()),
                    Map.of(c.rodata().symbol(), Bytes.of(c.rodata().bytes().toArray())), Map.of(),
                    contents(h, mode, MapContents.Side.ENTRY), hookInfo(c, bundle.manifest().qualifiedName())));
            if (!template.returnProgram().isEmpty()) {
                // the return program: the same template loaded again, with the return side's blob and maps
                LoaderConfig.Rodata rr = c.returnRodata().orElseThrow(() -> new BundlePlanException(
                        "hook " + c.hook() + " (" + c.name() + ") names a return program but no returnRodata"));
                hooks.add(new ProgramPlan(id + " (return)", new TemplateRef(template.object(), template.variant()),
                        List.of(new ProgramAttach(template.returnProgram(), attach(c, true))), Set.of(template.returnProgram()),
                        Map.of(rr.symbol(), Bytes.of(rr.bytes().toArray())), Map.of(),
                        contents(h, mode, MapContents.Side.RETURN), returnHookInfo(h, bundle.manifest().qualifiedName()), id));
            }
        }
        if (hooks.isEmpty()) {
            throw new BundlePlanException("target " + target + " of policy " + bundle.manifest().qualifiedName()
                    + " has no hooks to load");
        }
        return Templates.withExecTracker(bundle.manifest().qualifiedName(), variant, hooks);
    }

    private static Attach attach(LoaderConfig c, boolean retprobe) throws BundlePlanException {
        AttachTarget a = c.attach();
        if (c.kind() == HookKind.UPROBE && a instanceof AttachTarget.UserFunction u) {
            return switch (u.location()) {
                case SYMBOL -> new Attach.Uprobe(u.path(), u.symbolName(), u.offset(), retprobe, false, u.refCtrOffset());
                case OFFSET -> new Attach.Uprobe(u.path(), null, u.offset(), retprobe, false, u.refCtrOffset());
                case ADDRESS -> new Attach.Uprobe(u.path(), null, u.offset(), retprobe, true, u.refCtrOffset());
            };
        }
        if (c.kind() == HookKind.KPROBE && a instanceof AttachTarget.KernelFunction f) {
            return new Attach.Kprobe(f.symbol(), retprobe);
        }
        if (c.kind() == HookKind.TRACEPOINT && a instanceof AttachTarget.Tracepoint tp) {
            return new Attach.Tracepoint(tp.subsystem(), tp.event());
        }
        if (c.kind() == HookKind.RAW_TRACEPOINT && a instanceof AttachTarget.Tracepoint tp) {
            return new Attach.RawTracepoint(tp.event());
        }
        if (c.kind() == HookKind.LSM && a instanceof AttachTarget.LsmHook l) {
            return new Attach.Lsm(l.hook());
        }
        throw new BundlePlanException("hook " + c.hook() + " (" + c.name() + "): tpc's runtime cannot attach a "
                + c.kind().name().toLowerCase(java.util.Locale.ROOT) + " to " + a.name());
    }

    /**
     * config_map, filter_map, policy_conf, the inner maps and plain maps of maps.bin, with the node's
     * values patched in; of the entry program or of the return program (the return filter and the
     * return side's maps, the same event_config).
     */
    private static List<MapContent> contents(HookBundle h, PolicyMode mode, MapContents.Side side) throws BundlePlanException {
        LoaderConfig c = h.config();
        boolean ret = side == MapContents.Side.RETURN;
        if (ret && h.returnFilter().isEmpty()) {
            throw new BundlePlanException("hook " + c.hook() + " (" + c.name() + ") has a return program but no return filter");
        }
        List<MapContent> out = new ArrayList<>();
        out.add(new MapContent.Entries(TemplateAbi.Maps.CONFIG_MAP.name(), List.of(new MapEntry(Bytes.of(u32(0)),
                patched(h.eventConfig().toArray(), c, "event-config.bin", "", -1, LoaderConfig.Side.ENTRY)))));
        out.add(new MapContent.Entries(TemplateAbi.Maps.FILTER_MAP.name(), List.of(new MapEntry(Bytes.of(u32(0)), ret
                ? patched(h.returnFilter().get().toArray(), c, "return-filter.bin", "", -1, LoaderConfig.Side.RETURN)
                : patched(h.filter().toArray(), c, "filter.bin", "", -1, LoaderConfig.Side.ENTRY)))));
        out.add(new MapContent.Entries(TemplateAbi.Maps.POLICY_CONF.name(), List.of(MapEntry.of(u32(0),
                new byte[] {(byte) mode.value()}))));
        for (MapContents m : h.maps()) {
            if (m.side() != side) {
                continue;
            }
            List<MapEntry> entries = new ArrayList<>();
            for (MapContents.Entry e : m.entries()) {
                int key = m.innerIndex() < 0 && e.key().length() == 4
                        ? ByteBuffer.wrap(e.key().toArray()).order(ByteOrder.LITTLE_ENDIAN).getInt() : -1;
                entries.add(new MapEntry(Bytes.of(e.key().toArray()),
                        m.innerIndex() < 0 ? patched(e.value().toArray(), c, "maps.bin", m.name(), key,
                                ret ? LoaderConfig.Side.RETURN : LoaderConfig.Side.ENTRY)
                                : Bytes.of(e.value().toArray())));
            }
            if (m.innerIndex() < 0) {
                out.add(new MapContent.Entries(m.name(), entries));
            } else {
                out.add(new MapContent.InnerMap(m.name(), Bytes.of(u32(m.innerIndex())), m.innerName(),
                        Math.max(1, entries.size()), entries));
            }
        }
        return out;
    }

    /** The bytes with the relocations that target them, as node patches. */
    private static Bytes patched(byte[] value, LoaderConfig c, String entry, String map, int key, LoaderConfig.Side side)
            throws BundlePlanException {
        List<NodePatch> patches = new ArrayList<>();
        for (LoaderConfig.Relocation r : c.relocations()) {
            if (r.side() != side || !r.entry().equals(entry) || !r.map().equals(map) || r.key() != key) {
                continue;
            }
            patches.add(new NodePatch(r.offset(), nodeFact(c, r.fact()), r.width()));
        }
        return Bytes.of(value, patches);
    }

    private static dev.tpc.runtime.plan.NodeFact nodeFact(LoaderConfig c, NodeFact fact) throws BundlePlanException {
        if (fact instanceof NodeFact.HostNamespaceInode h) {
            for (dev.tpc.runtime.plan.NodeFact f : dev.tpc.runtime.plan.NodeFact.values()) {
                if (f.procName().equals(h.namespace().procName())) {
                    return f;
                }
            }
        } else if (fact instanceof NodeFact.HostUserNamespaceInode) {
            return dev.tpc.runtime.plan.NodeFact.HOST_USER_NS;
        }
        String why = fact instanceof NodeFact.BtfPath b
                ? "the offsets of resolve path '" + b.path() + "' come from the kernel's BTF, which tpc's runtime does not read yet"
                : "followChildren needs matchBinaries set ids, which tpc's runtime does not allocate yet";
        throw new BundlePlanException("hook " + c.hook() + " (" + c.name() + ") cannot be loaded: " + why);
    }

    private static HookInfo hookInfo(LoaderConfig c, String policyId) {
        LoaderConfig.EventInfo e = c.event();
        HookInfo.Kind kind = switch (e.eventKind()) {
            case "process_tracepoint" -> HookInfo.Kind.TRACEPOINT;
            case "process_lsm" -> HookInfo.Kind.LSM;
            case "process_uprobe", "process_usdt" -> HookInfo.Kind.UPROBE;
            default -> HookInfo.Kind.KPROBE;
        };
        List<HookInfo.ArgInfo> args = e.args().stream().map(a -> new HookInfo.ArgInfo(a.type(), a.label())).toList();
        HookInfo.UserLocation user = HookInfo.UserLocation.NONE;
        if (c.attach() instanceof AttachTarget.UserFunction u) {
            user = new HookInfo.UserLocation(u.path(),
                    u.location() == AttachTarget.UserFunction.Location.SYMBOL ? 0 : u.offset(), u.refCtrOffset());
        }
        return new HookInfo(e.policy(), kind, e.subsystem(), e.event(), e.function(), args, e.message(), e.tags(), user,
                policyId);
    }

    /** The return program's events: one argument, the return value typed by event_config.argreturn. */
    private static HookInfo returnHookInfo(HookBundle h, String policyId) {
        HookInfo entry = hookInfo(h.config(), policyId);
        int type = ByteBuffer.wrap(h.eventConfig().toArray()).order(ByteOrder.LITTLE_ENDIAN).getInt(TemplateAbi.TgEventConfig.ARGRETURN_OFFSET);
        String name = dev.tpc.lower.ArgType.fromId(type).map(dev.tpc.lower.ArgType::canonicalName).orElse("");
        return new HookInfo(entry.policyName(), entry.kind(), entry.subsys(), entry.event(), entry.function(),
                List.of(new HookInfo.ArgInfo(name, "")), entry.message(), entry.tags(), entry.user(), entry.policyId());
    }

    private static byte[] u32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }
}
