package dev.tpc.runtime.session;

import dev.tpc.runtime.libbpf.BpfException;
import java.util.List;
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
