package dev.tpc.runtime.session;

import dev.tpc.abi.TemplateAbi;
import dev.tpc.runtime.libbpf.BpfException;
import dev.tpc.runtime.libbpf.BpfLink;
import dev.tpc.runtime.libbpf.BpfMap;
import dev.tpc.runtime.libbpf.BpfObject;
import dev.tpc.runtime.libbpf.BpfProgram;
import dev.tpc.runtime.libbpf.KernelMap;
import dev.tpc.runtime.libbpf.MapTypes;
import dev.tpc.runtime.libbpf.Native;
import dev.tpc.runtime.libbpf.RingBuffer;
import dev.tpc.runtime.plan.Attach;
import dev.tpc.runtime.plan.Bytes;
import dev.tpc.runtime.plan.LoadPlan;
import dev.tpc.runtime.plan.MapContent;
import dev.tpc.runtime.plan.MapEntry;
import dev.tpc.runtime.plan.ProgramAttach;
import dev.tpc.runtime.plan.ProgramPlan;
import dev.tpc.runtime.probe.HostTgid;
import dev.tpc.runtime.session.LoadFailure.Step;
import dev.tpc.runtime.sys.Mounts;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Loads a {@link LoadPlan} step by step. Everything it creates is recorded as it is created; when a
 * step fails, all of it is released in reverse order before the failure is reported, so a failed
 * load leaves no program, map or link behind.
 */
final class PlanLoader {
    private final Native n;
    private final LoadPlan plan;
    private final SessionOptions options;
    private final Patcher patcher;
    private final Deque<AutoCloseable> created = new ArrayDeque<>();
    private final Map<String, Integer> sharedMapFds = new HashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final int hookIdBase;
    private int selfTgid = -1;

    PlanLoader(Native n, LoadPlan plan, SessionOptions options) {
        this(n, plan, options, Map.of(), 0);
    }

    /**
     * @param inherited  fds of shared maps another session created (a {@link TracingSession}'s exec
     *                   tracker), reused instead of created: the process table, the ring buffer
     * @param hookIdBase the plan's hook ids are {@code hookIdBase + 1 ...}, so that plans loaded one
     *                   after another into one tracing session never share an id
     */
    PlanLoader(Native n, LoadPlan plan, SessionOptions options, Map<String, Integer> inherited, int hookIdBase) {
        this.n = n;
        this.plan = plan;
        this.options = options;
        this.patcher = new Patcher(options.nodeFacts());
        this.sharedMapFds.putAll(inherited);
        this.hookIdBase = hookIdBase;
    }

    /**
     * The fds of the maps every object of a session shares (policy-scoped maps excluded), once
     * loaded: what a later plan of the same tracing session inherits. Valid while the objects live.
     */
    Map<String, Integer> globalSharedMapFds() {
        Map<String, Integer> out = new HashMap<>();
        sharedMapFds.forEach((k, v) -> {
            if (!k.contains("\u0000")) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** What the loader did besides loading (mounts); for the session's report. */
    List<String> notes() {
        return notes;
    }

    record Result(List<LoadedAttachPoint> attachPoints, RingBuffer events, List<AutoCloseable> resources) {
    }

    Result load(Consumer<byte[]> records) throws LoadFailure {
        try {
            if (options.mountFilesystems()) {
                mountFilesystems();
            }
            List<LoadedAttachPoint> loaded = new ArrayList<>();
            for (ProgramPlan p : plan.programs()) {
                loaded.add(loadOne(p));
            }
            List<LoadedAttachPoint> attached = new ArrayList<>();
            for (LoadedAttachPoint a : loaded) {
                attached.add(attach(a));
            }
            RingBuffer rb = null;
            if (plan.eventsMap() != null && records != null) {
                rb = openEvents(attached, records);
            }
            List<AutoCloseable> resources = new ArrayList<>(created);
            created.clear();
            return new Result(List.copyOf(attached), rb, resources);
        } catch (LoadFailure e) {
            releaseAll();
            throw e;
        } catch (RuntimeException | Error e) {
            releaseAll();
            throw e;
        }
    }

    private void releaseAll() {
        while (!created.isEmpty()) {
            try {
                created.pop().close();
            } catch (Exception ignored) {
                // keep releasing the rest; nothing more useful can be done with a failed close
            }
        }
    }

    private void mountFilesystems() throws LoadFailure {
        boolean needsTracefs = plan.programs().stream().flatMap(p -> p.attach().stream())
                .anyMatch(a -> a.attach() instanceof Attach.Tracepoint || a.attach() instanceof Attach.BySection);
        List<Mounts.Outcome> outcomes = new ArrayList<>();
        outcomes.add(Mounts.ensureBpffs(n));
        if (needsTracefs) {
            outcomes.add(Mounts.ensureTracefs(n));
        }
        for (Mounts.Outcome o : outcomes) {
            if (o.mountedNow()) {
                notes.add(o.describe());
            } else if (!o.available() && o.fsType().equals("tracefs")) {
                // bpffs is only needed for pinning, which the session does not do; tracefs is needed
                throw new LoadFailure(null, Step.MOUNT, o.describe(), null, null);
            }
        }
    }

    private LoadedAttachPoint loadOne(ProgramPlan p) throws LoadFailure {
        byte[] elf;
        try {
            elf = options.templates().object(p.template());
        } catch (IOException e) {
            throw new LoadFailure(p.id(), Step.TEMPLATE, e.getMessage(), null, e);
        }
        BpfObject obj;
        try {
            obj = BpfObject.open(n, objectName(p), elf);
        } catch (BpfException e) {
            throw failure(p, Step.OPEN, e);
        }
        created.push(obj);
        BpfProgram entry = obj.program(p.program()).orElseThrow(() -> new LoadFailure(p.id(), Step.OPEN,
                "template " + p.template() + " has no program " + p.program() + " (it has "
                        + obj.programs().stream().map(BpfProgram::name).toList() + ")", null, null));
        try {
            specialise(p, obj, entry);
        } catch (BpfException e) {
            throw failure(p, Step.SPECIALISE, e);
        } catch (IOException e) {
            throw new LoadFailure(p.id(), Step.SPECIALISE, e.getMessage(), null, e);
        }
        // libbpf drops the inner-map templates at load, so their shapes are read now
        Map<String, InnerShape> innerShapes = new HashMap<>();
        for (BpfMap m : obj.maps()) {
            if (m.isMapOfMaps()) {
                m.innerMapTemplate().ifPresent(t -> innerShapes.put(m.name(),
                        new InnerShape(t.type(), t.keySize(), t.valueSize(), t.flags())));
            }
        }
        try {
            obj.load();
        } catch (BpfException e) {
            throw failure(p, Step.LOAD, e);
        }
        for (String shared : plan.sharedMaps()) {
            obj.map(shared).ifPresent(m -> sharedMapFds.putIfAbsent(shareKey(p, shared), m.fd()));
        }
        try {
            for (MapContent c : p.maps()) {
                fill(p, obj, c, innerShapes);
            }
        } catch (BpfException e) {
            throw failure(p, Step.FILL, e);
        } catch (IOException e) {
            throw new LoadFailure(p.id(), Step.FILL, e.getMessage(), null, e);
        }
        return new LoadedAttachPoint(p, obj, entry, List.of());
    }

    /**
     * Under which key a shared map is created once and reused: the template ABI's policy-scoped maps
     * ({@code policy_conf}, {@code tpc_ratelimit}) are shared by the hooks of one policy only, so
     * that a plan may hold several policies (one in monitor mode, another enforcing), told apart by
     * their {@link dev.tpc.runtime.plan.HookInfo#policyId()} (two namespaces may use one policy
     * name); every other shared map by all objects of the plan.
     */
    private static String shareKey(ProgramPlan p, String map) {
        if (POLICY_SCOPED.contains(map)) {
            return (p.hook() == null ? "" : p.hook().policyId()) + "\u0000" + map;
        }
        return map;
    }

    private static final java.util.Set<String> POLICY_SCOPED = TemplateAbi.Maps.ALL.stream()
            .filter(m -> m.scope().equals("policy")).map(TemplateAbi.MapSpec::name)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** The id events of {@code p} carry: its position in the plan, from 1, after the base. */
    int hookId(ProgramPlan p) {
        return hookIdBase + plan.programs().indexOf(p) + 1;
    }

    /** Whether another plan is the return program of {@code p}. */
    private boolean pairedByReturn(ProgramPlan p) {
        return plan.programs().stream().anyMatch(o -> p.id().equals(o.returnOf()));
    }

    /** The hook id of the entry program of {@code p}'s hook. */
    private int pairId(ProgramPlan p) throws BpfException {
        if (p.returnOf() == null) {
            return hookId(p);
        }
        for (ProgramPlan o : plan.programs()) {
            if (o.id().equals(p.returnOf())) {
                return hookId(o);
            }
        }
        throw new BpfException("return program " + p.id() + " names entry " + p.returnOf() + ", which the plan lacks", 0);
    }

    /** The tgid written to {@code tpc_cfg.self_tgid}, asked of the kernel once per load. */
    private int protectedTgid() {
        if (selfTgid < 0) {
            selfTgid = options.protectedTgid() == SessionOptions.THIS_PROCESS
                    ? HostTgid.of(n) : options.protectedTgid();
        }
        return selfTgid;
    }

    /** libbpf names internal maps after the object ({@code <name>.rodata}, cut to 15 characters). */
    private static String objectName(ProgramPlan p) {
        return p.template().name();
    }

    private void specialise(ProgramPlan p, BpfObject obj, BpfProgram entry) throws BpfException, IOException {
        Map<String, Attach> attached = new HashMap<>();
        for (ProgramAttach pa : p.attach()) {
            BpfProgram prog = obj.program(pa.program()).orElseThrow(() -> new BpfException(
                    "template " + p.template() + " has no program " + pa.program(), 0));
            attached.put(pa.program(), pa.attach());
            if (pa.attach() instanceof Attach.Trace t) {
                prog.setAttachTarget(t.function());
            } else if (pa.attach() instanceof Attach.Lsm l) {
                prog.setAttachTarget(l.hook());
            }
        }
        if (!p.loadOnly().isEmpty()) {
            for (BpfProgram prog : obj.programs()) {
                prog.setAutoload(p.loadOnly().contains(prog.name()) || attached.containsKey(prog.name()));
            }
        }
        Map<String, byte[]> rodata = new LinkedHashMap<>();
        for (Map.Entry<String, Bytes> e : p.rodata().entrySet()) {
            rodata.put(e.getKey(), patcher.apply(e.getValue()));
        }
        byte[] cfg = rodata.get(TemplateAbi.TpcHookConfig.RODATA_SYMBOL);
        if (cfg != null && cfg.length == TemplateAbi.TpcHookConfig.SIZE) {
            // the runtime, not the bundle, numbers the hooks: events name their hook by this id
            System.arraycopy(le32(hookId(p)), 0, cfg, TemplateAbi.TpcHookConfig.HOOK_ID_OFFSET, 4);
            // and names the process its enforcement must never hit: its own
            System.arraycopy(le32(protectedTgid()), 0, cfg, TemplateAbi.TpcHookConfig.SELF_TGID_OFFSET, 4);
            // and, for a scenario, the cgroup outside of which it does nothing
            System.arraycopy(le64(options.scopeCgroupId()), 0, cfg, TemplateAbi.TpcHookConfig.SCOPE_CGROUP_OFFSET, 8);
            // a hook with a return probe: entry and return program share the entry's id
            if (p.returnOf() != null || pairedByReturn(p)) {
                System.arraycopy(le32(pairId(p)), 0, cfg, TemplateAbi.TpcHookConfig.PAIR_ID_OFFSET, 4);
            }
        }
        dev.tpc.runtime.libbpf.GlobalData.set(obj, ".rodata", rodata);
        for (Map.Entry<String, Integer> e : p.mapSizes().entrySet()) {
            BpfMap m = obj.map(e.getKey()).orElseThrow(() -> new BpfException(
                    "template " + p.template() + " has no map " + e.getKey() + " to size", 0));
            m.setMaxEntries(e.getValue());
        }
        for (String shared : plan.sharedMaps()) {
            Integer fd = sharedMapFds.get(shareKey(p, shared));
            if (fd != null && obj.map(shared).isPresent()) {
                obj.map(shared).get().reuseFd(fd);
            }
        }
    }

    /** The inner-map definition of a map of maps, as declared in the template. */
    private record InnerShape(int type, int keySize, int valueSize, int flags) {
    }

    private void fill(ProgramPlan p, BpfObject obj, MapContent content, Map<String, InnerShape> innerShapes)
            throws BpfException, IOException {
        BpfMap map = obj.map(content.map()).orElseThrow(() -> new BpfException(
                "template " + p.template() + " has no map " + content.map(), 0));
        if (content instanceof MapContent.Entries e) {
            for (MapEntry entry : e.entries()) {
                byte[] key = patcher.apply(entry.key());
                byte[] value = patcher.apply(entry.value());
                checkSizes(map.name(), map.keySize(), map.valueSize(), key, value);
                map.update(key, perCpu(map.type(), value));
            }
        } else if (content instanceof MapContent.InnerMap im) {
            fillInner(map, im, innerShapes.get(map.name()));
        } else if (content instanceof MapContent.ProgramSlot slot) {
            BpfProgram target = obj.program(slot.program()).orElseThrow(() -> new BpfException(
                    "template " + p.template() + " has no program " + slot.program() + " for " + slot.map(), 0));
            map.update(le32(slot.index()), le32(target.fd()));
        }
    }

    private void fillInner(BpfMap outer, MapContent.InnerMap im, InnerShape template) throws BpfException, IOException {
        if (!outer.isMapOfMaps()) {
            throw new BpfException("map " + outer.name() + " is not a map of maps", 0);
        }
        if (template == null) {
            throw new BpfException("map of maps " + outer.name() + " has no inner map definition", 0);
        }
        try (KernelMap inner = KernelMap.create(n, template.type(), im.name(), template.keySize(),
                template.valueSize(), im.maxEntries(), template.flags())) {
            for (MapEntry entry : im.entries()) {
                byte[] key = patcher.apply(entry.key());
                byte[] value = patcher.apply(entry.value());
                checkSizes(im.name(), template.keySize(), template.valueSize(), key, value);
                inner.update(key, perCpu(template.type(), value));
            }
            byte[] outerKey = patcher.apply(im.outerKey());
            checkSizes(outer.name(), outer.keySize(), 4, outerKey, le32(inner.fd()));
            // the outer map now holds the inner map; our fd can go with the try block
            outer.update(outerKey, le32(inner.fd()));
        }
    }

    private static void checkSizes(String map, int keySize, int valueSize, byte[] key, byte[] value) throws BpfException {
        if (key.length != keySize || value.length != valueSize) {
            throw new BpfException("map " + map + " takes " + keySize + "-byte keys and " + valueSize
                    + "-byte values; the plan gives " + key.length + " and " + value.length, 0);
        }
    }

    /** Per-CPU maps take one value per possible CPU, each padded to 8 bytes. */
    private byte[] perCpu(int type, byte[] value) {
        if (!MapTypes.isPerCpu(type)) {
            return value;
        }
        int cpus = n.bpf().libbpf_num_possible_cpus();
        int stride = (value.length + 7) & ~7;
        byte[] all = new byte[stride * Math.max(1, cpus)];
        for (int c = 0; c < cpus; c++) {
            System.arraycopy(value, 0, all, c * stride, value.length);
        }
        return all;
    }

    private LoadedAttachPoint attach(LoadedAttachPoint a) throws LoadFailure {
        List<BpfLink> links = new ArrayList<>();
        for (ProgramAttach pa : a.plan().attach()) {
            try {
                BpfProgram prog = a.object().program(pa.program()).orElseThrow();
                BpfLink link = attachTo(prog, pa.attach());
                if (link != null) {
                    created.push(link);
                    links.add(link);
                }
            } catch (BpfException e) {
                throw failure(a.plan(), Step.ATTACH, e);
            }
        }
        return a.withLinks(links);
    }

    private static BpfLink attachTo(BpfProgram prog, Attach attach) throws BpfException {
        if (attach instanceof Attach.Tracepoint t) {
            return prog.attachTracepoint(t.category(), t.event());
        } else if (attach instanceof Attach.RawTracepoint r) {
            return prog.attachRawTracepoint(r.event());
        } else if (attach instanceof Attach.Kprobe k) {
            return prog.attachKprobe(k.function(), k.retprobe());
        } else if (attach instanceof Attach.KprobeMulti k) {
            return prog.attachKprobeMulti(k.functions(), k.retprobe(), cookies(k.functions().size()));
        } else if (attach instanceof Attach.Uprobe u) {
            return prog.attachUprobe(u.binary(), null, fileOffset(u), u.retprobe(), -1, u.refCtrOffset());
        } else if (attach instanceof Attach.Trace) {
            return prog.attachTrace();
        } else if (attach instanceof Attach.Lsm) {
            return prog.attachLsm();
        } else if (attach instanceof Attach.BySection) {
            return prog.attachBySection();
        }
        return null; // Attach.None: loaded, reached through tail calls or test runs
    }

    /**
     * Where in the binary a uprobe goes, resolved here rather than by libbpf so that a missing
     * binary or symbol is refused with a message that names it.
     */
    private static long fileOffset(Attach.Uprobe u) throws BpfException {
        try {
            java.nio.file.Path binary = java.nio.file.Path.of(u.binary());
            if (u.symbol() != null) {
                return dev.tpc.runtime.elf.ElfBinary.symbolOffset(binary, u.symbol(), u.offset());
            }
            return u.address() ? dev.tpc.runtime.elf.ElfBinary.addressOffset(binary, u.offset()) : u.offset();
        } catch (dev.tpc.runtime.elf.ElfBinary.ElfException e) {
            throw new BpfException(e.getMessage(), 0);
        }
    }

    private static long[] cookies(int count) {
        long[] c = new long[count];
        for (int i = 0; i < count; i++) {
            c[i] = i;
        }
        return c;
    }

    private RingBuffer openEvents(List<LoadedAttachPoint> attached, Consumer<byte[]> records) throws LoadFailure {
        Integer fd = sharedMapFds.get(plan.eventsMap());
        if (fd == null) {
            for (LoadedAttachPoint a : attached) {
                var m = a.object().map(plan.eventsMap());
                if (m.isPresent()) {
                    fd = m.get().fd();
                    break;
                }
            }
        }
        if (fd == null) {
            throw new LoadFailure(null, Step.EVENTS, "no loaded template has the events map " + plan.eventsMap(), null, null);
        }
        try {
            RingBuffer rb = RingBuffer.open(n, fd, records);
            created.push(rb);
            return rb;
        } catch (BpfException e) {
            throw new LoadFailure(null, Step.EVENTS, e.getMessage(), null, e);
        }
    }

    private static LoadFailure failure(ProgramPlan p, Step step, BpfException e) {
        return new LoadFailure(p.id(), step, e.getMessage(), e.verifierLog(), e);
    }

    static byte[] le64(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }
}
