package dev.tpc.scenario.model;

import dev.tpc.diag.SourceSpan;
import dev.tpc.target.KernelVersion;

/**
 * What a scenario needs of the kernel beyond what its compiled policies need (those needs come
 * from the bundles themselves). A kernel that lacks one skips the scenario with the reason.
 */
public sealed interface Requirement {
    SourceSpan span();

    /** A feature of the target profile, by its key ({@code kprobe_multi}, {@code bpf_lsm}, ...). */
    record Feature(String name, SourceSpan span) implements Requirement {
    }

    /** {@code requires kernel >= 6.1} */
    record KernelAtLeast(KernelVersion version, SourceSpan span) implements Requirement {
    }

    /** {@code arch x86_64} (or {@code arm64}). */
    record Arch(String name, SourceSpan span) implements Requirement {
    }
}
