package dev.tpc.lower;

/** The program type an attach point needs. */
public enum HookKind {
    KPROBE("kprobes"),
    FENTRY("fentries"),
    TRACEPOINT("tracepoints"),
    RAW_TRACEPOINT("tracepoints"),
    LSM("lsmhooks"),
    UPROBE("uprobes"),
    USDT("usdts");

    private final String section;

    HookKind(String section) {
        this.section = section;
    }

    /** The {@code spec} key the hook came from. */
    public String section() {
        return section;
    }
}
