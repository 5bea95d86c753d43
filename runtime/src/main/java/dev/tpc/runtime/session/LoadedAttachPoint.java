package dev.tpc.runtime.session;

import dev.tpc.runtime.libbpf.BpfLink;
import dev.tpc.runtime.libbpf.BpfObject;
import dev.tpc.runtime.libbpf.BpfProgram;
import dev.tpc.runtime.plan.ProgramPlan;
import java.util.List;

/**
 * One attach point of a running session: its loaded object, entry program, and links (one per
 * attached program; none for programs loaded without attaching).
 */
public record LoadedAttachPoint(ProgramPlan plan, BpfObject object, BpfProgram program, List<BpfLink> links) {

    public LoadedAttachPoint {
        links = List.copyOf(links);
    }

    public String id() {
        return plan.id();
    }

    LoadedAttachPoint withLinks(List<BpfLink> l) {
        return new LoadedAttachPoint(plan, object, program, l);
    }
}
