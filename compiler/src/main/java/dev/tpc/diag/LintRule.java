package dev.tpc.diag;

/**
 * Warnings (codes TP5xxx): what Tetragon accepts but cannot work as written, or silently ignores.
 */
public enum LintRule implements Rule {
    EXTRA_MATCH_PIDS("TP5001", "A selector has more than one matchPIDs entry; BPF reads only the first and misreads what follows."),
    TOO_MANY_PIDS("TP5002", "A matchPIDs entry has more than 4 values; BPF ignores the rest."),
    RETURN_SELECTORS_IGNORED("TP5003", "matchReturnArgs or matchReturnActions on a hook without return: true are ignored."),
    EMPTY_BINARIES("TP5004", "A matchBinaries or matchParentBinaries entry with no values is dropped, so the selector matches every binary."),
    UNKNOWN_OPTION("TP5005", "An option name Tetragon does not know is silently ignored."),
    FORCED_MONITOR_ONLY("TP5006", "The policy sets policy-mode but has no enforcement action, so Tetragon forces it to monitor_only."),
    PLACEHOLDER_VALUE("TP5007", "A value still holds a ${VAR} placeholder, which Tetragon matches literally."),
    EXTRA_CAPABILITY_FILTER("TP5008", "A selector has more than one matchCapabilities or matchCapabilityChanges entry; BPF reads only the first."),
    MESSAGE_TRUNCATED("TP5009", "A message longer than 256 bytes is truncated."),
    TAG_TRUNCATED("TP5010", "A tag longer than 128 bytes is truncated."),
    MAX_DATA_IGNORED("TP5011", "maxData is ignored on a type other than char_buf, or together with returnCopy."),
    EMPTY_POSTFIX("TP5012", "An empty Postfix value on a type other than char_buf can crash Tetragon's agent."),
    SET_OUTSIDE_USDT("TP5013", "The Set action does nothing outside USDT hooks."),
    IMA_HASH_HOOK("TP5014", "imaHash is ignored on an LSM hook other than the bprm and file hooks, and on other hook kinds."),
    SUBSTRING_KPROBE_MAP("TP5015", "More than one SubString value on a kernel hook may fail to load (Tetragon does not resize the substring map)."),
    SYSCALL_FLAG_ON_FUNCTION_LIST("TP5016", "A kprobe on a plain or generated_ftrace list keeps syscall: true, so its arguments are read with the syscall ABI."),
    IN_MAP_RANGE_EXPANSION("TP5017", "An InMap/NotInMap range is expanded into one map entry per value."),
    MAP_CAPACITY("TP5018", "A hook needs more than the 8 inner maps of one kind (values, addresses, prefixes, postfixes, string buckets) the BPF programs hold."),
    PARENT_BINARIES_FLAG("TP5019", "matchParentBinaries works only when the agent runs with --parents-map-enabled."),
    CALL_NOT_A_SYSCALL("TP5020", "A kprobe call does not look like a syscall but syscall is true (the default), so Tetragon looks for __x64_<call>."),
    TRACEPOINT_INDEX_AMBIGUOUS("TP5021", "A tracepoint matchArgs index is both an argument position and another argument's field index."),
    ACTION_ARGUMENT_IGNORED("TP5022", "An action carries an argument that this action does not use."),
    TRACEPOINT_FIELD_KIND("TP5023", "A tracepoint argument's type cannot describe the format field it reads (a pointer read of an integer field, or an integer read of a string pointer).");

    private final String code;
    private final String summary;

    LintRule(String code, String summary) {
        this.code = code;
        this.summary = summary;
    }

    @Override public String code() { return code; }
    @Override public Severity severity() { return Severity.WARNING; }
    @Override public String summary() { return summary; }
}
