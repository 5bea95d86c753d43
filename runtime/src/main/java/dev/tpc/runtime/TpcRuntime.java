package dev.tpc.runtime;

import dev.tpc.runtime.events.CompactEventWriter;
import dev.tpc.runtime.events.EventPipeline;
import dev.tpc.runtime.events.EventSink;
import dev.tpc.runtime.events.JsonEventWriter;
import dev.tpc.runtime.libbpf.BpfException;
import dev.tpc.runtime.libbpf.LibbpfUnavailableException;
import dev.tpc.runtime.libbpf.Native;
import dev.tpc.runtime.plan.LoadPlan;
import dev.tpc.runtime.probe.Doctor;
import dev.tpc.runtime.probe.KernelProbe;
import dev.tpc.runtime.probe.ProbeReport;
import dev.tpc.runtime.probe.ProfileWriter;
import dev.tpc.runtime.session.LoadFailure;
import dev.tpc.runtime.session.AttachedPolicy;
import dev.tpc.runtime.session.TracingSession;
import dev.tpc.runtime.session.SessionOptions;
import dev.tpc.runtime.session.TemplateSource;
import dev.tpc.runtime.session.Templates;
import java.io.Writer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
     * Opens a tracing session on the running kernel: the exec tracker loaded once, policies
     * attached and detached as the caller goes, typed events to listeners, {@code awaitExit} as the
     * barrier after a workload (see {@link TracingSession}). What {@code tpc run} and the scenario
     * runner are built on.
     */
    public static TracingSession openTracing(SessionOptions options) throws LoadFailure {
        return TracingSession.open(options);
    }

    /**
     * Loads {@code plan} into a new tracing session and prints its events: the plan's own exec
     * tracker (see {@link Templates#withExecTracker}) is replaced by the session's. Poll with
     * {@link Run#run}; close to unload.
     */
    public static Run run(LoadPlan plan, RunOptions options) throws LoadFailure {
        SessionOptions sessionOptions = SessionOptions.of(options.templates()).withProtectedTgid(options.protectedTgid());
        Optional<String> variant = plan.programs().stream().filter(Templates::isExecTracker)
                .map(p -> p.template().variant()).findFirst();
        TracingSession tracing = variant.isPresent() ? TracingSession.open(sessionOptions, variant.get())
                : TracingSession.open(sessionOptions);
        try {
            EventSink sink = options.format() == Format.JSON
                    ? new JsonEventWriter(options.out(), options.nodeName(), tracing.bootOffsetNanos())
                    : new CompactEventWriter(options.out());
            tracing.addListener(sink);
            boolean hooks = plan.programs().stream().anyMatch(p -> !Templates.isExecTracker(p));
            // a plan of the exec tracker alone watches processes only
            return new Run(tracing, hooks ? tracing.attach(plan) : null);
        } catch (LoadFailure | RuntimeException e) {
            tracing.close();
            throw e;
        }
    }

    /** A running plan. */
    public static final class Run implements AutoCloseable {
        private final TracingSession tracing;
        private final AttachedPolicy policy;

        private Run(TracingSession tracing, AttachedPolicy policy) {
            this.tracing = tracing;
            this.policy = policy;
        }

        public TracingSession tracing() {
            return tracing;
        }

        /** The plan's hooks; empty for a plan of the exec tracker alone. */
        public Optional<AttachedPolicy> policy() {
            return Optional.ofNullable(policy);
        }

        /** What loading did besides loading (e.g. mounting tracefs). */
        public List<String> notes() {
            List<String> all = new ArrayList<>(tracing.notes());
            if (policy != null) {
                all.addAll(policy.notes());
            }
            return all;
        }

        public EventPipeline.Stats stats() {
            return tracing.stats();
        }

        /** Prints events until {@code keepGoing} answers false (asked at least every 100 ms). */
        public void run(BooleanSupplier keepGoing) throws BpfException {
            tracing.run(keepGoing);
        }

        public int poll(Duration timeout) throws BpfException {
            return tracing.poll(timeout);
        }

        /** Events the BPF side could not post because the ring buffer was full; 0 when it keeps no count. */
        public long lostEvents() throws BpfException {
            return tracing.lostEvents();
        }

        @Override
        public void close() {
            tracing.close();
        }
    }
}
