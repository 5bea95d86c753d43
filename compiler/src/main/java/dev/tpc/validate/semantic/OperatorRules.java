package dev.tpc.validate.semantic;

import dev.tpc.diag.LintRule;
import dev.tpc.diag.Quoted;
import dev.tpc.diag.SemanticRule;
import dev.tpc.diag.TargetRule;
import dev.tpc.target.Feature;
import dev.tpc.yaml.MappingNode;
import dev.tpc.yaml.ScalarNode;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/** One argument filter's operator against the argument's type, and its values. */
final class OperatorRules {
    private static final BigInteger MAX_UINT32 = BigInteger.valueOf(0xffffffffL);

    private OperatorRules() {}

    static void check(Policy policy, Hook hook, MappingNode f, HookArg arg) {
        String op = Tree.text(f, "operator");
        String type = arg.type();
        List<ScalarNode> values = Tree.scalars(f, "values");
        var opSpan = f.valueSpan("operator");
        if (type.equals("auto")) {
            return; // a tracepoint field whose format tpc does not have: its type is decided on the node
        }
        if (type.equals("sockaddr_un")) {
            policy.findings.lacking(TargetRule.SOCKADDR_UN, Feature.V511_PROGRAMS, ArgRules.typeSpan(arg),
                    "filters on sockaddr_un need Tetragon's v5.11 programs", "filter on this argument only on kernels 5.11 and later");
        }
        switch (op) {
            case "Equal", "NotEqual" -> {
                if (ArgTypes.STRINGS.contains(type)) {
                    strings(policy, values);
                } else {
                    integers(policy, f, op, type, values);
                }
            }
            case "GT", "LT", "GreaterThan", "LessThan", "Mask" -> {
                if (!op.equals("Mask")) {
                    policy.findings.lacking(TargetRule.LARGE_PROGRAMS, Feature.LARGE_PROGRAMS, opSpan,
                            "operator " + op + " needs large BPF programs (\"operator " + op + " is only supported in kernels supporting large programs\")",
                            "use Equal or InRange on these targets");
                }
                integers(policy, f, op, type, values);
            }
            case "InRange", "NotInRange" -> ranges(policy, f, type, values);
            case "InMap", "NotInMap" -> inMap(policy, hook, f, type, values);
            case "Prefix", "NotPrefix" -> {
                for (ScalarNode v : values) {
                    if (Values.goLength(Tree.string(v)) > 256) {
                        policy.findings.add(SemanticRule.PREFIX_TOO_LONG, v.span(),
                                "this Prefix value has " + Values.goLength(Tree.string(v)) + " bytes (\"string is longer than 256 characters\")",
                                "shorten the prefix to at most 256 bytes");
                    }
                }
                placeholders(policy, values);
            }
            case "Postfix", "NotPostfix" -> postfix(policy, type, values);
            case "SPort", "DPort", "NotSPort", "NotDPort", "Protocol", "Family", "State" -> network(policy, f, op, type, values, true);
            case "SPortPriv", "DPortPriv", "NotSportPriv", "NotSPortPriv", "NotDPortPriv" -> network(policy, f, op, type, values, false);
            case "SAddr", "DAddr", "NotSAddr", "NotDAddr" -> addresses(policy, f, op, type, values);
            case "FileType", "NotFileType" -> fileTypes(policy, f, type, values);
            case "CapabilitiesGained" -> capabilitiesGained(policy, hook, f);
            case "SubString", "SubStringIgnCase" -> substrings(policy, hook, f, type, values);
            default -> integers(policy, f, op, type, values);
        }
    }

    private static void typeError(Policy policy, MappingNode f, String message, String hint) {
        policy.findings.add(SemanticRule.OPERATOR_TYPE, f.valueSpan("operator"), message, hint);
    }

    private static void strings(Policy policy, List<ScalarNode> values) {
        for (ScalarNode v : values) {
            int len = Values.goLength(Tree.string(v));
            policy.findings.onTargets(TargetRule.STRING_TOO_LONG, v.span(),
                    "this string has " + len + " bytes, more than the target's string buckets hold "
                            + "(\"writeMatchStrings error: MatchArgs value ... invalid: string is too long\")",
                    "match a shorter string (a Prefix or Postfix works for long paths)", Feature.V511_PROGRAMS,
                    p -> Findings.of(len > p.stringMatchMaxLength()));
        }
        placeholders(policy, values);
    }

    private static void tooMany(Policy policy, MappingNode f, List<ScalarNode> values, String hint) {
        if (values.size() > 4) {
            policy.findings.add(SemanticRule.TOO_MANY_VALUES, values.get(4).span(),
                    "this filter has " + values.size() + " values, but " + Tree.text(f, "operator")
                            + " takes at most 4 (\"selector does not support more than 4 values\")", hint);
        }
    }

    private static void integers(Policy policy, MappingNode f, String op, String type, List<ScalarNode> values) {
        if (ArgTypes.SOCKETS.contains(type) || type.equals("net_device")) {
            typeError(policy, f, "operator " + op + " cannot be used on a " + type + " argument "
                    + "(\"MatchArgs type sock, socket, skb, sockaddr and net_device do not support operator " + op + "\")",
                    "use the network operators (SAddr, DPort, Protocol, Family, ...) on " + type);
            return;
        }
        boolean caps = ArgTypes.CAPABILITIES.contains(type);
        if (!caps && !ArgTypes.isInteger(type)) {
            typeError(policy, f, "operator " + op + " cannot be used on a " + type + " argument (\"MatchArgs type " + type + " unsupported\")",
                    ArgTypes.STRINGS.contains(type) ? "compare strings with Equal, Prefix, Postfix or SubString"
                            : "declare the argument with an integer type to compare it with " + op);
            return;
        }
        tooMany(policy, f, values, "use InMap or NotInMap for more values");
        if (ArgTypes.SMALL_INTS.contains(type)) {
            policy.findings.lacking(TargetRule.LARGE_PROGRAMS, Feature.LARGE_PROGRAMS, f.valueSpan("operator"),
                    "filters on " + type + " need large BPF programs (\"MatchArgs type " + type + " is only supported in kernels supporting large programs\")",
                    "declare the argument as int or uint32 for these targets");
        }
        for (ScalarNode v : values) {
            String s = Tree.string(v);
            boolean ok = caps ? Values.capabilityMask(s)
                    : Values.goInt(s, true, ArgTypes.bits(type), ArgTypes.isSigned(type)).isPresent();
            if (!ok) {
                valueError(policy, v, caps ? "'" + Quoted.text(s) + "' is neither a number nor a comma list of capability names"
                                : "'" + Quoted.text(s) + "' is not a " + ArgTypes.bits(type) + "-bit " + (ArgTypes.isSigned(type) ? "signed" : "unsigned") + " integer",
                        caps ? "write e.g. CAP_SYS_ADMIN,CAP_NET_RAW" : "write a number: decimal, 0x hexadecimal or 0 octal");
            }
        }
    }

    private static void valueError(Policy policy, ScalarNode v, String what, String hint) {
        if (Values.hasPlaceholder(Tree.string(v))) {
            policy.findings.add(SemanticRule.VALUE_FORMAT, v.span(), what + "; it holds an unexpanded ${...} placeholder", "substitute the value before checking");
            return;
        }
        policy.findings.add(SemanticRule.VALUE_FORMAT, v.span(), what + " (\"MatchArgs value " + Quoted.text(Tree.string(v)) + " invalid\")", hint);
    }

    private static void ranges(Policy policy, MappingNode f, String type, List<ScalarNode> values) {
        if (!ArgTypes.RANGE_32.contains(type) && !ArgTypes.RANGE_64.contains(type)) {
            typeError(policy, f, "range operators cannot be used on a " + type + " argument (\"MatchArgs type " + type + " unsupported for range operators\")",
                    "declare the argument with an integer type");
            return;
        }
        tooMany(policy, f, values, "use InMap or NotInMap for more ranges");
        for (ScalarNode v : values) {
            String[] parts = Tree.string(v).split(":", -1);
            if (parts.length != 2) {
                valueError(policy, v, "'" + Quoted.text(Tree.string(v)) + "' is not a range min:max", "write e.g. 0:1023");
                continue;
            }
            Optional<BigInteger> lo = Values.goInt(parts[0], true, 64, true);
            Optional<BigInteger> hi = Values.goInt(parts[1], true, 64, true);
            if (lo.isEmpty() || hi.isEmpty()) {
                valueError(policy, v, "'" + Quoted.text(Tree.string(v)) + "' does not hold two 64-bit integers", "write e.g. 0:1023");
            } else if (ArgTypes.RANGE_32.contains(type) && (lo.get().compareTo(MAX_UINT32) > 0 || hi.get().compareTo(MAX_UINT32) > 0)) {
                valueError(policy, v, "range " + Quoted.text(Tree.string(v)) + " exceeds 4294967295 on a 32-bit argument", "keep both ends within 32 bits");
            }
        }
    }

    private static void inMap(Policy policy, Hook hook, MappingNode f, String type, List<ScalarNode> values) {
        boolean typeOk = ArgTypes.IN_MAP.contains(type);
        for (ScalarNode v : values) {
            String s = Tree.string(v);
            if (s.startsWith("list:")) {
                if (hook.kind() != HookKind.TRACEPOINT) {
                    policy.findings.add(SemanticRule.IN_MAP_LIST, v.span(),
                            "list: values work only in tracepoint selectors (\"failed list values loading is not supported\")",
                            "list the values themselves, or filter on the raw_syscalls/sys_enter tracepoint");
                    continue;
                }
                Optional<MappingNode> list = ListRules.resolve(policy, v);
                if (list.isEmpty()) {
                    continue;
                }
                if (!type.equals("syscall64")) {
                    policy.findings.add(SemanticRule.IN_MAP_LIST, v.span(),
                            "a list: value needs an argument of type syscall64, this one is " + type
                                    + " (\"error list '" + Quoted.text(s.substring(5)) + "' argument type is not syscall64\")",
                            "declare the argument with type: syscall64");
                } else if (!ListRules.isSyscallList(list.get())) {
                    policy.findings.add(SemanticRule.IN_MAP_LIST, v.span(),
                            "list '" + Quoted.text(s.substring(5)) + "' is not a syscalls list (\"error list '" + Quoted.text(s.substring(5)) + "' is not syscall type\")",
                            "give the list type: syscalls");
                }
                continue;
            }
            if (!typeOk) {
                break;
            }
            if (s.contains(":")) {
                String[] parts = s.split(":", -1);
                Optional<BigInteger> lo = parts.length == 2 ? Values.goInt(parts[0], false, 64, ArgTypes.isSigned(type)) : Optional.empty();
                Optional<BigInteger> hi = parts.length == 2 ? Values.goInt(parts[1], false, 64, ArgTypes.isSigned(type)) : Optional.empty();
                if (lo.isEmpty() || hi.isEmpty()) {
                    valueError(policy, v, "'" + Quoted.text(s) + "' is not a decimal range min:max", "InMap takes decimal values and ranges");
                } else if (hi.get().subtract(lo.get()).abs().compareTo(BigInteger.valueOf(4096)) > 0) {
                    policy.findings.add(LintRule.IN_MAP_RANGE_EXPANSION, v.span(),
                            "range " + Quoted.text(s) + " becomes " + hi.get().subtract(lo.get()).abs().add(BigInteger.ONE) + " map entries",
                            "use InRange or NotInRange for large ranges");
                }
            } else if (Values.goInt(s, false, 64, ArgTypes.isSigned(type)).isEmpty()) {
                valueError(policy, v, "'" + Quoted.text(s) + "' is not a decimal integer (InMap takes no 0x or octal values)", "write the value in decimal");
            }
        }
        if (!typeOk) {
            typeError(policy, f, "InMap and NotInMap cannot be used on a " + type + " argument (\"unknown type\")",
                    "declare the argument with an integer type");
        }
    }

    private static void postfix(Policy policy, String type, List<ScalarNode> values) {
        for (ScalarNode v : values) {
            String s = Tree.string(v);
            String trimmed = type.equals("char_buf") ? s : s.replaceAll("\u0000+$", "");
            if (Values.goLength(trimmed) >= 128) {
                policy.findings.add(SemanticRule.POSTFIX_TOO_LONG, v.span(),
                        "this Postfix value has " + Values.goLength(trimmed) + " bytes (\"string is longer than 127 characters\")",
                        "shorten the postfix to at most 127 bytes");
            }
            if (trimmed.isEmpty() && !type.equals("char_buf")) {
                policy.findings.add(LintRule.EMPTY_POSTFIX, v.span(), "an empty Postfix value on a " + type + " argument can crash Tetragon's agent",
                        "remove the empty value");
            }
        }
        placeholders(policy, values);
    }

    private static void network(Policy policy, MappingNode f, String op, String type, List<ScalarNode> values, boolean takesValues) {
        boolean familyOnUnix = op.equals("Family") && type.equals("sockaddr_un");
        if (!ArgTypes.SOCKETS.contains(type) && !familyOnUnix) {
            typeError(policy, f, op + " needs a sock, socket, skb or sockaddr argument, this one is " + type
                            + " (\"sock/socket/skb/sockaddr operators specified for non-sock/socket/skb/sockaddr type\")",
                    "read the argument as sock, socket, skb or sockaddr");
            return;
        }
        if (type.equals("sockaddr") && (op.contains("DPort") || op.equals("Protocol") || op.equals("State"))) {
            typeError(policy, f, "a sockaddr argument supports only SAddr, SPort and Family operators (\"sockaddr only supports [not]saddr, [not]sport[priv], and family\")",
                    "read a sock or skb to filter on " + op);
            return;
        }
        if (!takesValues) {
            return;
        }
        for (ScalarNode v : values) {
            String s = Tree.string(v);
            boolean named = switch (op) {
                case "Protocol" -> Values.protocol(s);
                case "Family" -> Values.family(s);
                case "State" -> Values.tcpState(s);
                default -> false;
            };
            if (named) {
                continue;
            }
            String[] parts = s.split(":", -1);
            boolean ok = parts.length <= 2;
            for (String p : parts) {
                ok &= Values.goInt(p, false, 64, false).isPresent();
            }
            if (!ok) {
                valueError(policy, v, "'" + Quoted.text(s) + "' is not a decimal number or range" + switch (op) {
                    case "Protocol" -> " or an IPPROTO_ name";
                    case "Family" -> " or an AF_ name";
                    case "State" -> " or a TCP_ state name";
                    default -> "";
                }, "write e.g. 53, 1024:65535" + (op.equals("Protocol") ? " or IPPROTO_TCP" : ""));
            }
        }
    }

    private static void addresses(Policy policy, MappingNode f, String op, String type, List<ScalarNode> values) {
        if (!ArgTypes.SOCKETS.contains(type)) {
            typeError(policy, f, op + " needs a sock, socket, skb or sockaddr argument, this one is " + type
                            + " (\"sock/socket/skb/sockaddr operators specified for non-sock/socket/skb/sockaddr type\")",
                    "read the argument as sock, socket, skb or sockaddr");
            return;
        }
        if (type.equals("sockaddr") && op.contains("DAddr")) {
            typeError(policy, f, "a sockaddr argument supports only SAddr, SPort and Family operators (\"sockaddr only supports [not]saddr, [not]sport[priv], and family\")",
                    "use SAddr: a sockaddr holds one address");
            return;
        }
        for (ScalarNode v : values) {
            String s = Tree.string(v);
            if (Values.hasPlaceholder(s)) {
                policy.findings.add(SemanticRule.ADDRESS_PLACEHOLDER, v.span(),
                        "'" + Quoted.text(s) + "' is an unexpanded placeholder, not an address (\"MatchArgs value " + Quoted.text(s) + " invalid: parse IP: IP address is invalid\")",
                        "substitute the variable (e.g. with envsubst) before deploying and checking the policy");
            } else if (!Values.address(s)) {
                policy.findings.add(SemanticRule.ADDRESS_VALUE, v.span(),
                        "'" + Quoted.text(s) + "' is not an IP address or CIDR (\"MatchArgs value " + Quoted.text(s) + " invalid: parse IP\")",
                        "write an IPv4 or IPv6 address, or a CIDR such as 10.0.0.0/8");
            }
        }
    }

    private static void fileTypes(Policy policy, MappingNode f, String type, List<ScalarNode> values) {
        if (!type.equals("file") && !type.equals("path")) {
            typeError(policy, f, "FileType needs a file or path argument, this one is " + type + " (\"FileType operators specified for non-file/path type\")",
                    "read the argument as file or path");
            return;
        }
        tooMany(policy, f, values, "use at most 4 file types per filter");
        for (ScalarNode v : values) {
            if (!Values.FILE_TYPES.contains(Tree.string(v).toLowerCase(java.util.Locale.ROOT))) {
                policy.findings.add(SemanticRule.VALUE_FORMAT, v.span(), "unknown file type '" + Quoted.text(Tree.string(v)) + "' (\"unknown file type: " + Quoted.text(Tree.string(v)) + "\")",
                        "use reg, dir, lnk, chr, blk, fifo or sock");
            }
        }
    }

    private static void capabilitiesGained(Policy policy, Hook hook, MappingNode f) {
        policy.findings.lacking(TargetRule.LARGE_PROGRAMS, Feature.LARGE_PROGRAMS, f.valueSpan("operator"),
                "CapabilitiesGained needs large BPF programs", "drop this filter on these targets");
        List<ScalarNode> pos = Tree.scalars(f, "args");
        if (pos.size() != 2) {
            policy.findings.add(SemanticRule.CAPABILITIES_GAINED, f.valueSpan("operator"),
                    "CapabilitiesGained compares two arguments, given as args: [new, old] (\"CapabilitiesGained operator requires two args: the new and the old capability\")",
                    "add args: [NEW, OLD] with the positions of two capability arguments");
            return;
        }
        for (ScalarNode p : pos) {
            long k = p.value() instanceof Long l ? l : -1;
            if (k < 0 || k >= hook.args().size()) {
                policy.findings.add(SemanticRule.ARG_FILTER_INDEX, p.span(), "args entry " + p.text() + " is beyond the hook's " + hook.args().size() + " arguments",
                        "args holds positions in the hook's args list");
            } else if (!ArgTypes.CAPABILITIES.contains(hook.args().get((int) k).type())) {
                policy.findings.add(SemanticRule.CAPABILITIES_GAINED, p.span(),
                        "argument " + k + " has type " + hook.args().get((int) k).type() + " (\"CapabilitiesGained operator requaries capability type arguments\")",
                        "both arguments must be kernel_cap_t, cap_effective, cap_permitted or cap_inheritable");
            }
        }
    }

    private static void substrings(Policy policy, Hook hook, MappingNode f, String type, List<ScalarNode> values) {
        if (!ArgTypes.STRINGS.contains(type)) {
            typeError(policy, f, "SubString needs a string-like argument, this one is " + type, "read the argument as string, char_buf, file or path");
            return;
        }
        for (ScalarNode v : values) {
            int len = Values.goLength(Tree.string(v));
            if (len >= 100) {
                policy.findings.add(SemanticRule.SUBSTRING_LIMIT, v.span(),
                        "this substring has " + len + " bytes (\"substring error: Substring is bigger than 100 chars\")",
                        "use a substring of fewer than 100 bytes");
            }
        }
        boolean ignoreCase = Tree.text(f, "operator").equals("SubStringIgnCase");
        Feature kfunc = ignoreCase ? Feature.SUBSTRING_IGNORE_CASE_KFUNC : Feature.SUBSTRING_KFUNC;
        String name = ignoreCase ? "bpf_strncasestr" : "bpf_strnstr";
        if (hook.kind().isUserSpace()) {
            policy.findings.lacking(TargetRule.SUBSTRING_KFUNC, kfunc, f.valueSpan("operator"),
                    "SubString on uprobes needs the kfunc " + name + ", which the target lacks (\"can't use SubString operator, no kernel support\")",
                    "use Prefix or Postfix on these targets");
        } else {
            policy.findings.lacking(TargetRule.SUBSTRING_KPROBE_FALLBACK, kfunc, f.valueSpan("operator"),
                    "the target lacks the kfunc " + name + ", so this SubString filter is skipped by the BPF program",
                    "use Prefix or Postfix on these targets");
        }
        placeholders(policy, values);
    }

    static void celExpr(Policy policy, Hook hook, MappingNode f) {
        List<ScalarNode> values = Tree.scalars(f, "values");
        if (values.size() != 1) {
            policy.findings.add(SemanticRule.CEL_EXPRESSION, f.valueSpan(Tree.written(f, "values") ? "values" : "operator"),
                    "a CelExpr filter holds exactly one expression, this one has " + values.size() + " (\"addMatchCelExpr: only a single CelExpr value is supported\")",
                    "combine the conditions with && or || in one expression");
        }
        policy.findings.lacking(TargetRule.CEL_EXPR_KERNEL, Feature.MIX_BPF_AND_TAIL_CALLS, f.valueSpan("operator"),
                "CelExpr needs BPF-to-BPF calls mixed with tail calls, which the target does not allow (\"celbpf not supported in this kernel\")",
                "use ordinary matchArgs operators on these targets");
    }

    /** ${VAR} left in a value Tetragon matches as text: a warning (addresses are errors, see above). */
    static void placeholders(Policy policy, List<ScalarNode> values) {
        for (ScalarNode v : values) {
            if (Values.hasPlaceholder(Tree.string(v))) {
                policy.findings.add(LintRule.PLACEHOLDER_VALUE, v.span(),
                        "'" + Quoted.text(Tree.string(v)) + "' holds a ${...} placeholder, which Tetragon matches literally",
                        "substitute the variable (e.g. with envsubst) before deploying and checking the policy");
            }
        }
    }
}
