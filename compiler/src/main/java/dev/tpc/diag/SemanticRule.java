package dev.tpc.diag;

/**
 * Tetragon's semantic rules and limits that hold on every kernel (codes TP3xxx): what its policy
 * handlers and selector compiler refuse after the schema has accepted a policy.
 */
public enum SemanticRule implements Rule {
    // policy level
    MULTIPLE_HOOK_SECTIONS("TP3001", "A policy has more than one hook section (kprobes, tracepoints, lsmhooks, uprobes, usdts, fentries)."),
    BAD_OPTION_VALUE("TP3002", "A spec.options entry Tetragon knows has a value it cannot parse."),
    NAMESPACED_UPROBES("TP3003", "A TracingPolicyNamespaced has uprobes or usdts."),
    LOADER_WITH_POLICY_FILTER("TP3004", "loader: true is combined with a pod or container selector (or a namespaced policy)."),
    NOTIFY_ENFORCER_WITHOUT_ENFORCER("TP3005", "A selector uses NotifyEnforcer but spec.enforcers is empty."),
    MULTIPLE_ENFORCERS("TP3006", "spec.enforcers has more than one entry."),
    ENFORCER_CALL_KIND("TP3007", "An enforcer call is neither a syscall nor a security_ function."),
    ENFORCER_OVERRIDE_METHOD("TP3008", "An enforcer on security_ functions is told to use override-return."),
    LIST_NOT_FOUND("TP3009", "A list: reference names a list the policy does not define."),
    GENERATED_LIST_VALUES("TP3010", "A generated list (generated_syscalls, generated_ftrace) also has values."),
    FTRACE_LIST_PATTERN("TP3011", "A generated_ftrace list has no pattern."),
    SYSCALL_LIST_ELEMENT("TP3012", "A syscalls list element is not a syscall name Tetragon can parse, or its ABI does not fit the architecture."),
    MACRO_UNDEFINED("TP3013", "A selector uses a macro that spec.selectorsMacros does not define."),
    MACRO_NESTED("TP3014", "A selector macro uses other macros."),
    MACRO_FIELD_CONFLICT("TP3015", "A selector field is defined both in the selector and a macro, or in two macros."),
    MESSAGE_TOO_SHORT("TP3016", "A hook's message is one byte long."),
    TAG_TOO_SHORT("TP3017", "A tag is shorter than two bytes."),
    // kprobe, fentry and shared argument rules
    ARG_TYPE_AUTO("TP3101", "A kprobe or fentry argument has no explicit type (auto) or type syscall64."),
    TOO_MANY_ARGUMENTS("TP3102", "A hook reads more than 5 arguments (args and data together)."),
    ARG_INDEX_OUT_OF_BOUNDS("TP3103", "An argument index is beyond the arguments the hook can read."),
    ARG_SOURCE_NOT_ALLOWED("TP3104", "An args entry sets source, which only data entries may."),
    DATA_SOURCE("TP3105", "A data entry's source is not current_task or pt_regs."),
    DATA_WITHOUT_RESOLVE("TP3106", "A data entry has no resolve path."),
    PT_REGS_REGISTER("TP3107", "A pt_regs data entry names a register Tetragon does not know."),
    RESOLVE_PATH("TP3108", "A resolve path is malformed or deeper than 10 levels."),
    SIZE_ARG_INDEX("TP3109", "sizeArgIndex is larger than 15."),
    RETURN_ARG_TYPE("TP3110", "returnArg has no usable type (auto or none) while return: true."),
    RETURN_ARG_ACTION("TP3111", "returnArgAction is not TrackSock or UntrackSock."),
    STACK_TRACE_ACTION("TP3112", "kernelStackTrace or userStackTrace is set on an action other than Post."),
    OVERRIDE_TARGET("TP3113", "Override is used on a function that is neither a syscall nor a security_ function."),
    FENTRY_ENFORCEMENT("TP3114", "A fentry hook has an enforcement action."),
    CONST_BUF_USER_DEFINED("TP3115", "A tracepoint argument is declared with type const_buf."),
    RAW_TRACEPOINT_INDEX("TP3116", "A raw tracepoint argument index is larger than 5."),
    TRACEPOINT_NAME_EMPTY("TP3117", "A tracepoint's subsystem or event, or an LSM hook's name, is empty."),
    UPROBE_ADDRESSING("TP3118", "A uprobe gives none of symbols, offsets or addrs."),
    REF_CTR_OFFSETS("TP3119", "refCtrOffsets does not have one entry per symbol or offset."),
    BINARY_DIGEST("TP3120", "A binaryDigests entry is not <algo>:<hex> with a supported algorithm."),
    // selectors
    TOO_MANY_SELECTORS("TP3201", "A hook has more than 5 selectors."),
    TOO_MANY_ACTIONS("TP3202", "A selector has more than 3 actions."),
    RATE_LIMIT_ACTION("TP3203", "rateLimit is set on an action other than Post."),
    RATE_LIMIT_VALUE("TP3204", "rateLimit or rateLimitScope has a value Tetragon cannot parse."),
    ACTION_NOT_SUPPORTED("TP3205", "An action is not supported on this kind of hook."),
    REGS_ACTION("TP3206", "A uprobe selector has more than one action with argRegs."),
    SET_ACTION("TP3207", "A Set action's argIndex is not one of the hook's args."),
    RETURN_ARGS_ON_LSM("TP3208", "An LSM hook has matchReturnArgs."),
    ARG_FILTER_INDEX("TP3210", "A matchArgs, matchData or matchReturnArgs entry refers to an argument the hook does not declare."),
    OPERATOR_TYPE("TP3211", "A matchArgs operator cannot be used with the argument's type."),
    TOO_MANY_VALUES("TP3212", "An operator that takes at most 4 values has more."),
    VALUE_FORMAT("TP3213", "A matchArgs value does not parse for its operator and type (number, range, name)."),
    PREFIX_TOO_LONG("TP3214", "A Prefix value is longer than 256 characters."),
    POSTFIX_TOO_LONG("TP3215", "A Postfix value is longer than 127 characters."),
    SUBSTRING_LIMIT("TP3216", "A SubString value has 100 characters or more, or a hook has more than 100 substrings."),
    ADDRESS_VALUE("TP3217", "An SAddr or DAddr value is not an IP address or CIDR."),
    ADDRESS_PLACEHOLDER("TP3218", "An SAddr or DAddr value is an unexpanded ${VAR} placeholder."),
    CAPABILITIES_GAINED("TP3219", "CapabilitiesGained does not name two capability arguments (new, old)."),
    CEL_EXPRESSION("TP3220", "A CelExpr filter does not hold exactly one expression, or a hook has more than 8."),
    IN_MAP_LIST("TP3221", "A list: value in InMap/NotInMap is used outside a tracepoint, on an argument that is not syscall64, or names a list that is not of syscalls."),
    NAMESPACE_VALUES("TP3230", "A matchNamespaces filter has more than 4 values or a value that is neither a number nor host_ns."),
    NAMESPACE_NAME("TP3232", "matchNamespaceChanges names an unknown namespace."),
    NAMESPACE_CHANGES_COUNT("TP3233", "A selector has more than one matchNamespaceChanges entry."),
    CAPABILITY_NAME("TP3234", "A capability name is unknown."),
    BINARY_NAME_TOO_LONG("TP3235", "A matchBinaries In/NotIn path is longer than 255 bytes."),
    FOLLOW_CHILDREN("TP3236", "followChildren is used with an operator other than In or NotIn, or in more than 64 sections."),
    TRACEPOINT_ARG_COUNT("TP3237", "A tracepoint reads more than 5 arguments, counting the size fields sizeArgIndex adds.");

    private final String code;
    private final String summary;

    SemanticRule(String code, String summary) {
        this.code = code;
        this.summary = summary;
    }

    @Override public String code() { return code; }
    @Override public Severity severity() { return Severity.ERROR; }
    @Override public String summary() { return summary; }
}
