package dev.tpc.runtime.session;

import dev.tpc.runtime.libbpf.BpfException;
import dev.tpc.abi.TemplateAbi;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One policy's hooks attached to a {@link TracingSession}. Closing it detaches and unloads them;
 * the session's exec tracker stays.
 */
public final class AttachedPolicy implements AutoCloseable {
    private final String policyName;
    private final Session session;
    private final int hookIdBase;
    private final KernelObjectIds ids;
    private boolean closed;

    AttachedPolicy(String policyName, Session session, int hookIdBase, KernelObjectIds ids) {
        this.policyName = policyName;
        this.session = session;
        this.hookIdBase = hookIdBase;
        this.ids = ids;
    }

    public String policyName() {
        return policyName;
    }

    /** The attach points, in plan order; the first one's events carry hook id {@code hookIdBase + 1}. */
    public List<LoadedAttachPoint> attachPoints() {
        return session.attachPoints();
    }

    /** Attach points with a hook (return programs included), the exec tracker never among them. */
    public int hooks() {
        return (int) session.attachPoints().stream().filter(a -> a.plan().hook() != null).count();
    }

    public int hookIdBase() {
        return hookIdBase;
    }

    /** The kernel objects this policy created, to check after {@link #close} that none is left. */
    public KernelObjectIds kernelObjects() {
        return ids;
    }

    /** Loading notes, e.g. a mount the loader made. */
    public List<String> notes() {
        return session.notes();
    }

    /** Sum over CPUs of slot {@code index} of the per-CPU counter map {@code map} of this policy's objects. */
    public Optional<Long> perCpuCounter(String map, int index) throws BpfException {
        return session.perCpuCounter(map, index);
    }

    /**
     * The selector coverage counters of each hook of the policy (return programs included), by
     * attach point id: slot {@code i < 5} counts the calls selector {@code i} won, then the template
     * ABI's {@code TPC_SELHIT_NO_MATCH} and {@code TPC_SELHIT_NO_SELECTORS}; summed over CPUs.
     * An attach point whose template keeps no counters is left out.
     */
    public Map<String, long[]> selectorHits() throws BpfException {
        Map<String, long[]> out = new LinkedHashMap<>();
        String map = TemplateAbi.Maps.TPC_SEL_HITS.name();
        for (LoadedAttachPoint a : session.attachPoints()) {
            if (a.plan().hook() == null || a.object().map(map).isEmpty()) {
                continue;
            }
            long[] slots = new long[TemplateAbi.SelectorHit.COUNT];
            for (int i = 0; i < slots.length; i++) {
                slots[i] = Session.perCpuSum(a, map, i).orElse(0L);
            }
            out.put(a.id(), slots);
        }
        return out;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Detaches and unloads this policy's hooks. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            session.close();
        }
    }
}
