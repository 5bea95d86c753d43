package dev.tpc.validate.semantic;

/** The hook sections of a policy spec; a policy may use only one of them. */
enum HookKind {
    KPROBE("kprobes"), FENTRY("fentries"), TRACEPOINT("tracepoints"), LSM("lsmhooks"), UPROBE("uprobes"), USDT("usdts");

    final String section;

    HookKind(String section) {
        this.section = section;
    }

    /** Kernel functions: kprobes and fentries share Tetragon's kprobe code. */
    boolean isKernelFunction() {
        return this == KPROBE || this == FENTRY;
    }

    boolean isUserSpace() {
        return this == UPROBE || this == USDT;
    }
}
