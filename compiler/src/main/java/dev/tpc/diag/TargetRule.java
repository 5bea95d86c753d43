package dev.tpc.diag;

/**
 * Rules whose outcome depends on the target kernel (codes TP4xxx). Each reads features of the
 * target profiles; a finding lists the targets it applies to.
 */
public enum TargetRule implements Rule {
    OVERRIDE_SYSCALL_HELPER("TP4001", Severity.ERROR, "Override on a syscall needs the bpf_override_return helper, which the target lacks."),
    OVERRIDE_SECURITY_FMODRET("TP4002", Severity.ERROR, "Override on a security_ function needs fmod_ret, which the target lacks."),
    OVERRIDE_SECURITY_KPROBE_MULTI("TP4003", Severity.ERROR, "Override on a security_ function while the target attaches kprobes with kprobe_multi."),
    DUPLICATE_SYMBOL_KPROBE_MULTI("TP4004", Severity.ERROR, "The same function is hooked twice while the target attaches kprobes with kprobe_multi."),
    ENFORCER_OVERRIDE("TP4005", Severity.ERROR, "The enforcer needs the override helper or fmod_ret on syscalls, and the target has neither."),
    SIGNAL_HELPER("TP4006", Severity.ERROR, "Enforcers need the bpf_send_signal helper, which the target lacks."),
    LOADER_EVENTS("TP4007", Severity.ERROR, "loader: true needs build ids and a kernel that passes Tetragon's loader version gate."),
    BPF_LSM("TP4008", Severity.ERROR, "LSM hooks need BPF LSM, which the target does not offer."),
    BPF_LSM_BOOT_PARAMETER("TP4009", Severity.NOTE, "LSM hooks work on the target only when it is booted with lsm=...,bpf."),
    LARGE_PROGRAMS("TP4010", Severity.ERROR, "A construct needs Tetragon's large BPF programs, which the target cannot load."),
    MATCH_ARGS_LIMIT("TP4011", Severity.ERROR, "A selector has more matchArgs and matchData filters than the target allows (5, or 1 without large programs)."),
    NAMESPACE_FILTER_LIMIT("TP4012", Severity.ERROR, "A selector has more matchNamespaces filters than the target allows (10, or 4 without large programs)."),
    STRING_TOO_LONG("TP4013", Severity.ERROR, "A string value is longer than the target's string buckets hold (4096, 510 or 144)."),
    SOCKADDR_UN("TP4014", Severity.ERROR, "The sockaddr_un type needs Tetragon's v5.11 programs."),
    TIME_NAMESPACE("TP4015", Severity.ERROR, "Time namespaces do not exist on the target."),
    CEL_EXPR_KERNEL("TP4016", Severity.ERROR, "CelExpr needs BPF-to-BPF calls mixed with tail calls, which the target does not allow."),
    SUBSTRING_KFUNC("TP4017", Severity.ERROR, "SubString on uprobes needs the bpf_strnstr/bpf_strncasestr kfuncs, which the target lacks."),
    SUBSTRING_KPROBE_FALLBACK("TP4018", Severity.WARNING, "SubString on a kernel hook is silently skipped on a target without the substring kfuncs."),
    UPROBE_STRING_PRELOAD("TP4019", Severity.ERROR, "A uprobe string argument needs the bpf_copy_from_user_str kfunc, which the target lacks."),
    UPROBE_REGS_CHANGE("TP4020", Severity.ERROR, "Uprobe Override or argRegs need a kernel that lets uprobes change registers."),
    UPROBE_MULTI_ADDRESSING("TP4021", Severity.ERROR, "Uprobes on one binary mix symbols, offsets and addrs while the target uses uprobe_multi."),
    FENTRY_PROGRAMS("TP4022", Severity.ERROR, "fentries need fentry programs, which the target lacks."),
    TRACEPOINT_NOT_FOUND("TP4023", Severity.ERROR, "The tracepoint does not exist on the target."),
    TRACEPOINT_FIELD_INDEX("TP4024", Severity.ERROR, "A tracepoint argument index is beyond the tracepoint's format fields on the target."),
    IMA_HASH_KERNEL("TP4025", Severity.WARNING, "imaHash is ignored on a target without Tetragon's v5.11 programs."),
    MAX_DATA_KERNEL("TP4026", Severity.WARNING, "maxData is ignored on a target without large programs."),
    FEATURE_UNKNOWN("TP4099", Severity.NOTE, "Whether a rule applies on a target cannot be told: the profile does not know the feature it needs.");

    private final String code;
    private final Severity severity;
    private final String summary;

    TargetRule(String code, Severity severity, String summary) {
        this.code = code;
        this.severity = severity;
        this.summary = summary;
    }

    @Override public String code() { return code; }
    @Override public Severity severity() { return severity; }
    @Override public String summary() { return summary; }
}
