package dev.tpc.scenario.run;

import dev.tpc.runtime.plan.Attach;
import dev.tpc.runtime.plan.LoadPlan;
import dev.tpc.runtime.plan.ProgramAttach;
import dev.tpc.runtime.plan.ProgramPlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a load plan needs the running kernel to offer, as facts of {@code tpc probe}, and which of
 * them the kernel lacks. A scenario whose policies need something missing is skipped with the
 * probe's own evidence as the reason (e.g. kprobes on a kernel without kprobe events).
 */
final class KernelNeeds {
    private KernelNeeds() {
    }

    /** A fact of the probe a plan needs: its key and what it is for. */
    record Need(String key, String what) {
    }

    static List<Need> of(LoadPlan plan) {
        Map<String, Need> needs = new LinkedHashMap<>();
        for (ProgramPlan p : plan.programs()) {
            for (ProgramAttach pa : p.attach()) {
                need(pa.attach()).ifPresent(n -> needs.putIfAbsent(n.key(), n));
            }
        }
        return List.copyOf(needs.values());
    }

    private static Optional<Need> need(Attach a) {
        if (a instanceof Attach.Tracepoint) {
            return Optional.of(new Need("tracepoint_attach", "tracepoints"));
        } else if (a instanceof Attach.RawTracepoint) {
            return Optional.of(new Need("raw_tracepoint_attach", "raw tracepoints"));
        } else if (a instanceof Attach.Kprobe) {
            return Optional.of(new Need("kprobe_attach", "kprobes"));
        } else if (a instanceof Attach.KprobeMulti) {
            return Optional.of(new Need("kprobe_multi", "kprobe_multi links"));
        } else if (a instanceof Attach.Lsm) {
            return Optional.of(new Need("bpf_lsm", "BPF LSM programs"));
        } else if (a instanceof Attach.Trace) {
            return Optional.of(new Need("fentry", "fentry/fexit/fmod_ret programs"));
        }
        return Optional.empty(); // uprobes, the exec tracker's raw tracepoints: every supported kernel
    }
}
