package dev.tpc.runtime.plan;

import java.util.List;

/** Where a template's entry program is attached. */
public sealed interface Attach {

    /** {@code subsys/event} through the tracing filesystem. */
    record Tracepoint(String category, String event) implements Attach {
    }

    record RawTracepoint(String event) implements Attach {
    }

    record Kprobe(String function, boolean retprobe) implements Attach {
    }

    /** One kprobe_multi link over several functions; cookie i identifies symbol i. */
    record KprobeMulti(List<String> functions, boolean retprobe) implements Attach {
        public KprobeMulti {
            functions = List.copyOf(functions);
        }
    }

    /**
     * A uprobe in {@code binary}: at {@code symbol} plus {@code offset} (an ELF symbol of the
     * binary), or, when symbol is null, at file offset {@code offset}, or, with {@code address},
     * at the file offset of virtual address {@code offset}. {@code refCtrOffset} (0 = none) is the
     * semaphore libbpf's {@code ref_ctr_offset} increments while the probe is attached.
     */
    record Uprobe(String binary, String symbol, long offset, boolean retprobe, boolean address, long refCtrOffset)
            implements Attach {

        public Uprobe(String binary, String symbol, long offset, boolean retprobe) {
            this(binary, symbol, offset, retprobe, false, 0);
        }
    }

    /** fentry / fexit / fmod_ret: the BTF target is set before load. */
    record Trace(TraceKind kind, String function) implements Attach {
    }

    /** BPF LSM hook name without the {@code bpf_lsm_} prefix (e.g. {@code file_open}). */
    record Lsm(String hook) implements Attach {
    }

    /** Where the program's ELF section says ({@code SEC("raw_tp/sched_process_exec")}). */
    record BySection() implements Attach {
    }

    /** Loaded and filled but not attached (e.g. a template only reached through tail calls). */
    record None() implements Attach {
    }

    enum TraceKind { FENTRY, FEXIT, FMOD_RET }
}
