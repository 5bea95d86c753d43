package dev.tpc.runtime.session;

import dev.tpc.runtime.sys.NodeFacts;

/**
 * How a {@link Session} loads a plan.
 *
 * @param templates        where template objects come from
 * @param nodeFacts        where node-specific values (host namespaces) are read
 * @param mountFilesystems mount tracefs and bpffs when they are absent
 * @param protectedTgid    the process that no enforcement action may hit (the template ABI's
 *                         {@code tpc_cfg.self_tgid}): {@link #THIS_PROCESS} for the runtime's own
 *                         process as the kernel numbers it, {@link #NONE} to protect nothing, or a
 *                         host tgid
 * @param scopeCgroupId    the cgroup v2 id outside of which hook programs do nothing at all (the
 *                         template ABI's {@code tpc_cfg.scope_cgroup}): how a scenario's policies
 *                         are kept to its own processes; 0 for none (the default)
 */
public record SessionOptions(TemplateSource templates, NodeFacts nodeFacts, boolean mountFilesystems, int protectedTgid,
                             long scopeCgroupId) {
    /** Protect the process running the session (the default). */
    public static final int THIS_PROCESS = -1;
    /** Protect no process: only for tests that must see enforcement hit the test process. */
    public static final int NONE = 0;

    public SessionOptions {
        if (templates == null) {
            throw new IllegalArgumentException("a template source is required");
        }
        if (protectedTgid < THIS_PROCESS) {
            throw new IllegalArgumentException("protectedTgid must be a tgid, THIS_PROCESS or NONE, not " + protectedTgid);
        }
        if (scopeCgroupId < 0) {
            throw new IllegalArgumentException("a cgroup id is not negative: " + scopeCgroupId);
        }
        nodeFacts = nodeFacts == null ? NodeFacts.host() : nodeFacts;
    }

    public SessionOptions(TemplateSource templates, NodeFacts nodeFacts, boolean mountFilesystems, int protectedTgid) {
        this(templates, nodeFacts, mountFilesystems, protectedTgid, 0);
    }

    public SessionOptions(TemplateSource templates, NodeFacts nodeFacts, boolean mountFilesystems) {
        this(templates, nodeFacts, mountFilesystems, THIS_PROCESS);
    }

    public static SessionOptions of(TemplateSource templates) {
        return new SessionOptions(templates, NodeFacts.host(), true);
    }

    public SessionOptions withProtectedTgid(int tgid) {
        return new SessionOptions(templates, nodeFacts, mountFilesystems, tgid, scopeCgroupId);
    }

    public SessionOptions withScopeCgroup(long cgroupId) {
        return new SessionOptions(templates, nodeFacts, mountFilesystems, protectedTgid, cgroupId);
    }

    public SessionOptions withoutMounts() {
        return new SessionOptions(templates, nodeFacts, false, protectedTgid, scopeCgroupId);
    }
}
