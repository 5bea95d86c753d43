package dev.tpc.runtime.session;

import dev.tpc.runtime.libbpf.BpfLink;
import dev.tpc.runtime.libbpf.BpfObject;
import dev.tpc.runtime.libbpf.BpfProgram;
import dev.tpc.runtime.plan.ProgramPlan;

/** One attach point of a running session: its loaded object, entry program and link (null when not attached). */
public record LoadedAttachPoint(ProgramPlan plan, BpfObject object, BpfProgram program, BpfLink link) {

    public String id() {
        return plan.id();
    }

    LoadedAttachPoint withLink(BpfLink l) {
        return new LoadedAttachPoint(plan, object, program, l);
    }
}
