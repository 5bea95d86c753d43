package dev.tpc.runtime.events;

import dev.tpc.abi.TemplateAbi;
import dev.tpc.runtime.events.RecordDecoder.CloneRecord;
import dev.tpc.runtime.events.RecordDecoder.ExecRecord;
import dev.tpc.runtime.events.RecordDecoder.ExitRecord;
import dev.tpc.runtime.events.RecordDecoder.HookRecord;
import dev.tpc.runtime.plan.HookInfo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Turns ring-buffer records into events: keeps the process cache current with exec, clone and exit
 * records, decodes hook records against their hook's metadata, and hands each event to the sink.
 * Runs on the polling thread; not thread-safe.
 */
public final class EventPipeline implements Consumer<byte[]> {
    private final long bootOffsetNanos;
    private final ProcessCache cache;
    private final IntFunction<Optional<HookInfo>> hooks;
    private final EventSink sink;
    private final Stats stats = new Stats();
    /**
     * Entry events of hooks with a return probe, waiting for their return record, by (pair id,
     * thread); a deque per key for recursive calls. Bounded like Tetragon's retprobe cache: the
     * return of a call that matchReturnArgs filters out never comes.
     */
    private final java.util.LinkedHashMap<Long, java.util.ArrayDeque<Event.Hook>> pending =
            new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<Long, java.util.ArrayDeque<Event.Hook>> eldest) {
                    return size() > MAX_PENDING;
                }
            };
    static final int MAX_PENDING = 4096;

    /** Counts of what went through the pipeline. */
    public static final class Stats {
        private long records;
        private long malformed;
        private long unknownHooks;
        private long events;
        private long selfProtected;

        public long records() {
            return records;
        }

        /** Records too short for their kind or of an unknown kind. */
        public long malformed() {
            return malformed;
        }

        /** Hook records whose hook id the plan does not have. */
        public long unknownHooks() {
            return unknownHooks;
        }

        public long events() {
            return events;
        }

        /**
         * Hook events whose enforcement (Sigkill, Signal, Override, ...) was aimed at the runtime's
         * own process and therefore only reported (template ABI flag {@code TPC_EVF_SELF}).
         */
        public long selfProtected() {
            return selfProtected;
        }

        /** Return records whose entry event is not (or no longer) pending. */
        public long unpairedReturns() {
            return unpairedReturns;
        }

        private long unpairedReturns;
    }

    /**
     * @param bootOffsetNanos wall clock minus boot clock, in ns (see {@code dev.tpc.runtime.sys.Clocks})
     * @param hooks           hook metadata by the hook id in records
     */
    public EventPipeline(long bootOffsetNanos, ProcessCache cache, IntFunction<Optional<HookInfo>> hooks, EventSink sink) {
        this.bootOffsetNanos = bootOffsetNanos;
        this.cache = cache;
        this.hooks = hooks;
        this.sink = sink;
    }

    public Stats stats() {
        return stats;
    }

    @Override
    public void accept(byte[] raw) {
        stats.records++;
        Optional<RecordDecoder.Record> decoded = RecordDecoder.decode(raw);
        if (decoded.isEmpty()) {
            stats.malformed++;
            return;
        }
        RecordDecoder.Record r = decoded.get();
        if (r instanceof ExecRecord e) {
            exec(e);
        } else if (r instanceof CloneRecord c) {
            clone(c);
        } else if (r instanceof ExitRecord x) {
            exit(x);
        } else if (r instanceof HookRecord h) {
            hook(h);
        }
    }

    private long wall(long bootNanos) {
        return bootOffsetNanos + bootNanos;
    }

    private void emit(Event e) {
        stats.events++;
        sink.accept(e);
    }

    private void exec(ExecRecord e) {
        boolean binTrunc = (e.procFlags() & TemplateAbi.ProcFlag.BIN_TRUNCATED) != 0;
        boolean argsTrunc = (e.procFlags() & TemplateAbi.ProcFlag.ARGS_TRUNCATED) != 0;
        ProcessInfo p = new ProcessInfo(e.header().pid(), e.header().ktime(), e.ppid(), e.pktime(), e.uid(), e.auid(),
                e.cwd(), e.binary(), Arguments.join(e.argv().size() > 1 ? e.argv().subList(1, e.argv().size()) : List.of()),
                ProcessCache.execFlags(e.cwd(), binTrunc, argsTrunc));
        ProcessInfo parent = cache.getOrRead(e.ppid(), e.pktime()).orElse(null);
        cache.put(p);
        emit(new Event.Exec(wall(e.header().time()), p, parent));
    }

    private void clone(CloneRecord c) {
        Optional<ProcessInfo> parent = cache.getOrRead(c.ppid(), c.pktime());
        Set<String> flags = new LinkedHashSet<>();
        flags.add("clone");
        ProcessInfo child = parent.map(pp -> new ProcessInfo(c.header().pid(), c.header().ktime(), c.ppid(), c.pktime(),
                        pp.uid(), pp.auid(), pp.cwd(), pp.binary(), pp.arguments(), withRootcwd(flags, pp.cwd())))
                .orElse(new ProcessInfo(c.header().pid(), c.header().ktime(), c.ppid(), c.pktime(), 0, ProcessInfo.NO_AUID,
                        "", "", "", flags));
        cache.put(child);
    }

    private static Set<String> withRootcwd(Set<String> flags, String cwd) {
        if (cwd.equals("/")) {
            flags.add("rootcwd");
        }
        return flags;
    }

    private void exit(ExitRecord x) {
        ProcessInfo p = cache.getOrRead(x.header().pid(), x.header().ktime()).orElse(stub(x.header().pid(),
                x.header().ktime(), x.ppid(), x.pktime()));
        ProcessInfo parent = cache.get(x.ppid(), x.pktime()).orElse(null);
        cache.remove(x.header().pid(), x.header().ktime());
        emit(new Event.Exit(wall(x.header().time()), p, parent, x.status(), x.signal()));
    }

    private void hook(HookRecord h) {
        Optional<HookInfo> info = hooks.apply(h.hookId());
        if (info.isEmpty()) {
            stats.unknownHooks++;
            return;
        }
        HookInfo hook = info.get();
        if (h.header().has(TemplateAbi.EventFlag.SELF)) {
            stats.selfProtected++;
        }
        ProcessInfo p = cache.getOrRead(h.header().pid(), h.header().ktime())
                .orElse(stub(h.header().pid(), h.header().ktime(), h.ppid(), h.pktime()));
        ProcessInfo parent = cache.getOrRead(p.ppid() != 0 ? p.ppid() : h.ppid(), p.ppid() != 0 ? p.pktime() : h.pktime())
                .orElse(null);
        List<ArgValue> args = new ArrayList<>();
        int count = Math.min(h.nargs(), hook.args().size());
        for (int i = 0; i < count && i < h.argOffsets().length; i++) {
            HookInfo.ArgInfo ai = hook.args().get(i);
            int off = h.argOffsets()[i];
            if (off == TemplateAbi.Limit.NO_ARG || off >= h.args().limit()) {
                args.add(new ArgValue.Missing(ai.type(), ai.label()));
                continue;
            }
            args.add(ArgDecoder.decode(ai, h.args(), off, nextOffset(h.argOffsets(), off, h.args().limit())));
        }
        Event.Hook event = new Event.Hook(wall(h.header().time()), p, parent, h.header().tid(), hook, args,
                Actions.name(h.action()));
        long key = ((long) h.funcId() << 32) | (h.header().tid() & 0xffffffffL);
        if (h.header().has(TemplateAbi.EventFlag.RETURN_PENDING)) {
            pending.computeIfAbsent(key, k -> new java.util.ArrayDeque<>()).push(event);
        } else if (h.header().has(TemplateAbi.EventFlag.RETURN)) {
            java.util.ArrayDeque<Event.Hook> calls = pending.get(key);
            Event.Hook entry = calls == null ? null : calls.poll();
            if (calls != null && calls.isEmpty()) {
                pending.remove(key);
            }
            if (entry == null) {
                stats.unpairedReturns++;
                return;
            }
            ArgValue value = args.isEmpty() ? new ArgValue.Missing("", "") : args.get(0);
            emit(entry.withReturn(value, Actions.name(h.action())));
        } else {
            emit(event);
        }
    }

    private static int nextOffset(int[] offsets, int off, int limit) {
        int next = limit;
        for (int o : offsets) {
            if (o != TemplateAbi.Limit.NO_ARG && o > off && o < next) {
                next = o;
            }
        }
        return next;
    }

    /** A process the cache cannot name (gone before it could be read): Tetragon's "miss". */
    private static ProcessInfo stub(int pid, long ktime, int ppid, long pktime) {
        return new ProcessInfo(pid, ktime, ppid, pktime, 0, ProcessInfo.NO_AUID, "", "", "", Set.of("miss"));
    }
}
