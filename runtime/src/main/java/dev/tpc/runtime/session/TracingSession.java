package dev.tpc.runtime.session;

import dev.tpc.abi.TemplateAbi;
import dev.tpc.runtime.events.Event;
import dev.tpc.runtime.events.EventPipeline;
import dev.tpc.runtime.events.EventSink;
import dev.tpc.runtime.events.ProcFs;
import dev.tpc.runtime.events.ProcessCache;
import dev.tpc.runtime.libbpf.BpfException;
import dev.tpc.runtime.libbpf.LibbpfUnavailableException;
import dev.tpc.runtime.libbpf.Native;
import dev.tpc.runtime.plan.HookInfo;
import dev.tpc.runtime.plan.LoadPlan;
import dev.tpc.runtime.plan.ProgramPlan;
import dev.tpc.runtime.sys.Clocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * The running kernel, watched: the exec tracker is loaded once, with the process table and the
 * ring buffer that every policy attached later shares. Policies come and go ({@link #attach},
 * {@link AttachedPolicy#close}) while the tracker stays, so a process started between two
 * policies is still known, and a scenario runner pays the tracker's load only once.
 *
 * <p>Events are typed ({@link Event}) and handed to every {@link #addListener listener} on the
 * polling thread. {@link #awaitExit} is the race-free barrier: the exec tracker reports a
 * process's exit after every hook event of that process, so once the exit is here, every event
 * the process caused is here too.
 *
 * <p>Not thread-safe: poll, attach and close from one thread.
 */
public final class TracingSession implements AutoCloseable {
    /** How many exits {@link #awaitExit} remembers; older ones are forgotten first. */
    private static final int REMEMBERED_EXITS = 4096;

    private final Session tracker;
    private final SessionOptions options;
    private final String variant;
    private final long bootOffsetNanos;
    private final ProcessCache cache;
    private final EventPipeline pipeline;
    private final Map<Integer, HookInfo> hooks = new HashMap<>();
    private final List<EventSink> listeners = new CopyOnWriteArrayList<>();
    private final Map<Integer, Event.Exit> exits = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Event.Exit> eldest) {
            return size() > REMEMBERED_EXITS;
        }
    };
    private final List<AttachedPolicy> attached = new ArrayList<>();
    private int nextHookId;
    private boolean closed;

    private TracingSession(SessionOptions options, String variant, long bootOffsetNanos, ProcessCache cache,
            Session[] trackerHolder, EventPipeline pipeline) {
        this.options = options;
        this.variant = variant;
        this.bootOffsetNanos = bootOffsetNanos;
        this.cache = cache;
        this.pipeline = pipeline;
        this.tracker = trackerHolder[0];
        this.nextHookId = tracker.plan().programs().size();
    }

    /**
     * Loads and attaches the exec tracker (variant {@code variant}, see {@link Templates#variantFor})
     * and opens the ring buffer; then seeds the process cache from /proc, so that a process started
     * while the tracker loaded is either in /proc or traced.
     */
    public static TracingSession open(SessionOptions options, String variant) throws LoadFailure {
        long bootOffset;
        try {
            bootOffset = Clocks.bootOffsetNanos(Native.get());
        } catch (LibbpfUnavailableException e) {
            throw new LoadFailure(null, LoadFailure.Step.LIBBPF, e.getMessage(), null, e);
        }
        ProcessCache cache = new ProcessCache(ProcFs.host());
        TracingSession[] self = new TracingSession[1];
        EventPipeline pipeline = new EventPipeline(bootOffset, cache, id -> self[0].hook(id), e -> self[0].deliver(e));
        LoadPlan trackerOnly = new LoadPlan("exec-tracker", List.of(Templates.execTracker(variant)), Templates.sharedMaps(),
                TemplateAbi.Maps.TPC_EVENTS.name());
        Session[] tracker = {Session.start(trackerOnly, options, pipeline)};
        self[0] = new TracingSession(options, variant, bootOffset, cache, tracker, pipeline);
        cache.seed();
        return self[0];
    }

    /** {@link #open(SessionOptions, String)} with the variant for the running kernel. */
    public static TracingSession open(SessionOptions options) throws LoadFailure {
        String release;
        try {
            release = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        } catch (IOException e) {
            throw new LoadFailure(null, LoadFailure.Step.TEMPLATE, "cannot read the kernel release: " + e.getMessage(), null, e);
        }
        Optional<TemplateAbi.Variant> v = Templates.variantFor(release);
        if (v.isEmpty()) {
            throw new LoadFailure(null, LoadFailure.Step.TEMPLATE, "tpc's BPF templates need kernel 5.10 or later, not "
                    + release, null, null);
        }
        return open(options, v.get().id());
    }

    /** The template variant every plan attached here must use (the exec tracker's). */
    public String variant() {
        return variant;
    }

    /** Wall clock minus boot clock, in ns: what {@code JsonEventWriter} needs to print process start times. */
    public long bootOffsetNanos() {
        return bootOffsetNanos;
    }

    public EventPipeline.Stats stats() {
        return pipeline.stats();
    }

    /** What loading the tracker did besides loading, e.g. mounting tracefs. */
    public List<String> notes() {
        return tracker.notes();
    }

    /** Receives every event from now on, on the polling thread. */
    public void addListener(EventSink listener) {
        listeners.add(listener);
    }

    public void removeListener(EventSink listener) {
        listeners.remove(listener);
    }

    /**
     * Loads and attaches a policy's hooks, sharing this session's process table and ring buffer.
     * Exec tracker programs in {@code plan} (as {@link Templates#withExecTracker} adds them) are
     * left out: this session's tracker serves. On failure nothing of the attempt is left behind.
     */
    public AttachedPolicy attach(LoadPlan plan) throws LoadFailure {
        return attach(plan, 0);
    }

    /**
     * {@link #attach(LoadPlan)}, with the policy's programs scoped to the cgroup v2 of id
     * {@code scopeCgroupId}: outside of it they return before any other work, so the policy can
     * neither report nor act on anything else (0: unscoped).
     */
    public AttachedPolicy attach(LoadPlan plan, long scopeCgroupId) throws LoadFailure {
        if (closed) {
            throw new IllegalStateException("the tracing session is closed");
        }
        List<ProgramPlan> programs = new ArrayList<>();
        for (ProgramPlan p : plan.programs()) {
            if (Templates.isExecTracker(p)) {
                if (!p.template().variant().equals(variant)) {
                    throw new LoadFailure(p.id(), LoadFailure.Step.TEMPLATE, "the plan's exec tracker is variant "
                            + p.template().variant() + " but this session's is " + variant, null, null);
                }
            } else {
                if (!p.template().variant().equals(variant)) {
                    throw new LoadFailure(p.id(), LoadFailure.Step.TEMPLATE, "the plan is for template variant "
                            + p.template().variant() + " but this kernel takes " + variant, null, null);
                }
                programs.add(p);
            }
        }
        if (programs.isEmpty()) {
            throw new LoadFailure(null, LoadFailure.Step.TEMPLATE, "policy " + plan.policyName() + " has no hook to attach",
                    null, null);
        }
        LoadPlan hooksOnly = new LoadPlan(plan.policyName(), programs, plan.sharedMaps(), null);
        int base = nextHookId;
        SessionOptions policyOptions = options.withoutMounts().withScopeCgroup(scopeCgroupId);
        Session s = Session.start(hooksOnly, policyOptions, null, tracker.globalSharedMaps(), base);
        for (int i = 0; i < programs.size(); i++) {
            if (programs.get(i).hook() != null) {
                hooks.put(base + i + 1, programs.get(i).hook());
            }
        }
        nextHookId = base + programs.size();
        AttachedPolicy a = new AttachedPolicy(plan.policyName(), s, base, KernelObjectIds.of(s));
        attached.add(a);
        return a;
    }

    private Optional<HookInfo> hook(int id) {
        return Optional.ofNullable(hooks.get(id));
    }

    private void deliver(Event e) {
        if (e instanceof Event.Exit x) {
            exits.put(x.process().pid(), x);
        }
        for (EventSink l : listeners) {
            l.accept(e);
        }
    }

    /**
     * Waits up to {@code timeout} for records and delivers every one available.
     *
     * @return how many records were delivered
     */
    public int poll(Duration timeout) throws BpfException {
        return tracker.poll(timeout);
    }

    /** Polls until {@code keepGoing} answers false (asked at least every 100 ms). */
    public void run(BooleanSupplier keepGoing) throws BpfException {
        tracker.run(keepGoing);
    }

    /**
     * Polls until the exit of process {@code pid} has been reported, or {@code timeout} passed.
     * An exit is reported once: a second wait for the same pid waits for its next exit.
     */
    public Optional<Event.Exit> awaitExit(int pid, Duration timeout) throws BpfException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Event.Exit x = exits.remove(pid);
            if (x != null) {
                return Optional.of(x);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            poll(Duration.ofNanos(Math.min(left, Duration.ofMillis(50).toNanos())));
        }
    }

    /** Events the BPF side could not post because the ring buffer was full; 0 when it keeps no count. */
    public long lostEvents() throws BpfException {
        return tracker.perCpuCounter(TemplateAbi.Maps.TPC_COUNTERS.name(), TemplateAbi.Counter.RINGBUF_LOST).orElse(0L);
    }

    /** Detaches every policy still attached, then the exec tracker. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (AttachedPolicy a : attached) {
            a.close();
        }
        tracker.close();
    }
}
