package dev.tpc.runtime;

import dev.tpc.abi.TemplateAbi;
import dev.tpc.runtime.events.CompactEventWriter;
import dev.tpc.runtime.events.EventPipeline;
import dev.tpc.runtime.events.EventSink;
import dev.tpc.runtime.events.JsonEventWriter;
import dev.tpc.runtime.events.ProcFs;
import dev.tpc.runtime.events.ProcessCache;
import dev.tpc.runtime.libbpf.BpfException;
import dev.tpc.runtime.libbpf.LibbpfUnavailableException;
import dev.tpc.runtime.libbpf.Native;
import dev.tpc.runtime.plan.LoadPlan;
import dev.tpc.runtime.probe.Doctor;
import dev.tpc.runtime.probe.KernelProbe;
import dev.tpc.runtime.probe.ProbeReport;
import dev.tpc.runtime.probe.ProfileWriter;
import dev.tpc.runtime.session.LoadFailure;
import dev.tpc.runtime.session.Session;
import dev.tpc.runtime.session.SessionOptions;
import dev.tpc.runtime.session.TemplateSource;
import dev.tpc.runtime.session.Templates;
import dev.tpc.runtime.sys.Clocks;
import java.io.Writer;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The runtime's front door for {@code tpc run}, {@code tpc probe} and {@code tpc doctor}: load a
 * plan and print its events, describe the running kernel as a target profile, or say what is
 * missing to run.
 */
public final class TpcRuntime {
    private TpcRuntime() {
    }

    /** How events are printed. */
    public enum Format { JSON, COMPACT }

    /**
     * @param nodeName      {@code node_name} of events and part of exec ids (e.g. the host name)
     * @param format        JSON lines or compact lines
     * @param out           where events go (flushed after each line)
     * @param templates     where template objects come from ({@link Templates#bundled()} for tpc's own)
     * @param protectedTgid the process no enforcement action may hit: {@link SessionOptions#THIS_PROCESS}
     *                      (this JVM, the default), a host tgid, or {@link SessionOptions#NONE}
     */
    public record RunOptions(String nodeName, Format format, Writer out, TemplateSource templates, int protectedTgid) {
        public RunOptions(String nodeName, Format format, Writer out, TemplateSource templates) {
            this(nodeName, format, out, templates, SessionOptions.THIS_PROCESS);
        }
    }

    /** Checks of this machine; mounts tracefs and bpffs when absent. */
    public static List<Doctor.Finding> doctor() {
        return Doctor.examine();
    }

    /** Probes the running kernel (needs root or CAP_BPF+CAP_PERFMON). */
    public static ProbeReport probe() throws LibbpfUnavailableException {
        return KernelProbe.run(Native.get());
    }

    /** The probe's result as a profile file that {@code --target} accepts. */
    public static String probeAsProfile(String profileName) throws LibbpfUnavailableException {
        return ProfileWriter.write(probe(), profileName);
    }

    /**
     * Loads {@code plan} (whose first attach point should be {@link Templates#execTracker}, see
     * {@link Templates#withExecTracker}), then seeds the process cache from /proc and starts printing.
     * Poll with {@link Run#run}; close to unload.
     */
    public static Run run(LoadPlan plan, RunOptions options) throws LoadFailure {
        long bootOffset;
        try {
            bootOffset = Clocks.bootOffsetNanos(Native.get());
        } catch (LibbpfUnavailableException e) {
            throw new LoadFailure(null, LoadFailure.Step.LIBBPF, e.getMessage(), null, e);
        }
        EventSink sink = options.format() == Format.JSON
                ? new JsonEventWriter(options.out(), options.nodeName(), bootOffset)
                : new CompactEventWriter(options.out());
        ProcessCache cache = new ProcessCache(ProcFs.host());
        EventPipeline pipeline = new EventPipeline(bootOffset, cache, Templates.hooksOf(plan), sink);
        Session session = Session.start(plan, SessionOptions.of(options.templates()).withProtectedTgid(options.protectedTgid()),
                pipeline);
        // only now: a process started while the programs loaded is in /proc, or its exec is traced
        cache.seed();
        return new Run(session, pipeline);
    }

    /** A running plan. */
    public static final class Run implements AutoCloseable {
        private final Session session;
        private final EventPipeline pipeline;

        private Run(Session session, EventPipeline pipeline) {
            this.session = session;
            this.pipeline = pipeline;
        }

        public Session session() {
            return session;
        }

        public EventPipeline.Stats stats() {
            return pipeline.stats();
        }

        /** Prints events until {@code keepGoing} answers false (asked at least every 100 ms). */
        public void run(BooleanSupplier keepGoing) throws BpfException {
            session.run(keepGoing);
        }

        public int poll(Duration timeout) throws BpfException {
            return session.poll(timeout);
        }

        /** Events the BPF side could not post because the ring buffer was full; 0 when it keeps no count. */
        public long lostEvents() throws BpfException {
            return session.perCpuCounter(TemplateAbi.Maps.TPC_COUNTERS.name(), TemplateAbi.Counter.RINGBUF_LOST).orElse(0L);
        }

        @Override
        public void close() {
            session.close();
        }
    }
}
