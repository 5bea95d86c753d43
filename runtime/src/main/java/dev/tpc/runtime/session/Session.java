package dev.tpc.runtime.session;

import dev.tpc.runtime.libbpf.BpfException;
import dev.tpc.runtime.libbpf.LibbpfUnavailableException;
import dev.tpc.runtime.libbpf.Native;
import dev.tpc.runtime.libbpf.RingBuffer;
import dev.tpc.runtime.plan.LoadPlan;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A loaded and attached plan. {@link #start} loads every attach point, attaches them only once all
 * loaded, and opens the event ring buffer; {@link #poll} hands its records to the consumer given at
 * start; {@link #close} detaches and unloads everything.
 *
 * <p>Polling and closing may happen on different threads: close waits for a running poll to
 * return before it frees the ring buffer.
 */
public final class Session implements AutoCloseable {
    private static final int POLL_SLICE_MS = 100;

    private final LoadPlan plan;
    private final List<LoadedAttachPoint> attachPoints;
    private final RingBuffer events;
    private final List<AutoCloseable> resources;
    private final List<String> notes;
    private final Map<String, Integer> globalSharedMaps;
    private final Map<String, Integer> inherited;
    private volatile boolean closed;
    private long records;

    private Session(LoadPlan plan, PlanLoader.Result r, List<String> notes, Map<String, Integer> globalSharedMaps,
            Map<String, Integer> inherited) {
        this.inherited = Map.copyOf(inherited);
        this.plan = plan;
        this.attachPoints = r.attachPoints();
        this.events = r.events();
        this.resources = r.resources();
        this.notes = List.copyOf(notes);
        this.globalSharedMaps = Map.copyOf(globalSharedMaps);
    }

    /**
     * Loads and attaches {@code plan}; ring-buffer records go to {@code records} (on the thread
     * that polls). On failure nothing the attempt created is left behind.
     */
    public static Session start(LoadPlan plan, SessionOptions options, Consumer<byte[]> records) throws LoadFailure {
        return start(plan, options, records, Map.of(), 0);
    }

    /**
     * {@link #start}, reusing maps another session created ({@code inherited}, by name) and
     * numbering hooks from {@code hookIdBase + 1}: how a {@link TracingSession} adds a policy to
     * its exec tracker's process table and ring buffer.
     */
    static Session start(LoadPlan plan, SessionOptions options, Consumer<byte[]> records, Map<String, Integer> inherited,
            int hookIdBase) throws LoadFailure {
        Native n;
        try {
            n = Native.get();
        } catch (LibbpfUnavailableException e) {
            throw new LoadFailure(null, LoadFailure.Step.LIBBPF, e.getMessage(), null, e);
        }
        PlanLoader loader = new PlanLoader(n, plan, options, inherited, hookIdBase);
        Session[] self = new Session[1];
        Consumer<byte[]> counting = records == null ? null : rec -> {
            self[0].records++;
            records.accept(rec);
        };
        PlanLoader.Result result = loader.load(counting);
        self[0] = new Session(plan, result, loader.notes(), loader.globalSharedMapFds(), inherited);
        return self[0];
    }

    /** The fds of the maps this session was given by another (see {@link #start(LoadPlan, SessionOptions, Consumer, Map, int)}). */
    java.util.Collection<Integer> inheritedMapFds() {
        return inherited.values();
    }

    /** The fds of the maps this session's objects share with every object of the session (see {@link PlanLoader}). */
    Map<String, Integer> globalSharedMaps() {
        return globalSharedMaps;
    }

    public LoadPlan plan() {
        return plan;
    }

    public List<LoadedAttachPoint> attachPoints() {
        return attachPoints;
    }

    public Optional<LoadedAttachPoint> attachPoint(String id) {
        return attachPoints.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    /** The attach point whose events carry {@code hookId} (see the template ABI's {@code tpc_cfg.hook_id}). */
    public Optional<LoadedAttachPoint> byHookId(int hookId) {
        return hookId >= 1 && hookId <= attachPoints.size() ? Optional.of(attachPoints.get(hookId - 1)) : Optional.empty();
    }

    /**
     * Sum over all CPUs of slot {@code index} of the per-CPU u64 counter map {@code map} (e.g. the
     * template ABI's {@code tpc_counters}); empty when no loaded object has that map.
     */
    public Optional<Long> perCpuCounter(String map, int index) throws BpfException {
        for (LoadedAttachPoint a : attachPoints) {
            Optional<Long> sum = perCpuSum(a, map, index);
            if (sum.isPresent()) {
                return sum;
            }
        }
        return Optional.empty();
    }

    /** Sum over all CPUs of slot {@code index} of the per-CPU u64 map {@code map} of one attach point's object. */
    static Optional<Long> perCpuSum(LoadedAttachPoint a, String map, int index) throws BpfException {
        var m = a.object().map(map);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        byte[] key = {(byte) index, (byte) (index >>> 8), (byte) (index >>> 16), (byte) (index >>> 24)};
        int cpus = Native.getLoaded().bpf().libbpf_num_possible_cpus();
        int stride = (m.get().valueSize() + 7) & ~7;
        var values = m.get().lookupRaw(key, stride * cpus);
        long sum = 0;
        for (int c = 0; c < cpus && values.isPresent(); c++) {
            sum += ByteBuffer.wrap(values.get(), c * stride, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        }
        return Optional.of(sum);
    }

    /** What the session did on the node besides loading, e.g. mounting tracefs. */
    public List<String> notes() {
        return notes;
    }

    /** Ring-buffer records handed to the consumer so far. */
    public long recordsReceived() {
        return records;
    }

    /**
     * Waits up to {@code timeout} for records and delivers all that are available.
     *
     * @return how many records were delivered
     */
    public int poll(Duration timeout) throws BpfException {
        if (events == null || closed) {
            return 0;
        }
        return events.poll((int) Math.min(Integer.MAX_VALUE, Math.max(0, timeout.toMillis())));
    }

    /** Polls until {@code keepGoing} answers false (checked at least every 100 ms) or the session closes. */
    public void run(BooleanSupplier keepGoing) throws BpfException {
        while (!closed && keepGoing.getAsBoolean()) {
            poll(Duration.ofMillis(POLL_SLICE_MS));
        }
    }

    /** Detaches every program and releases every map and object. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // resources are in release order: ring buffer, links, objects
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception ignored) {
                // release the rest regardless
            }
        }
    }
}
