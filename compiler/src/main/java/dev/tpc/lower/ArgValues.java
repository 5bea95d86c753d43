package dev.tpc.lower;

import dev.tpc.diag.SourceSpan;
import dev.tpc.model.ActionSelector;
import dev.tpc.model.ArgSelector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Parses filter values and actions exactly as Tetragon's {@code parseMatchArg} and
 * {@code ParseMatchAction} do, into typed IR values. Failures carry Tetragon's messages.
 */
final class ArgValues {
    private static final Map<String, Long> FILE_TYPES = Map.ofEntries(
            Map.entry("sock", 0140000L), Map.entry("socket", 0140000L), Map.entry("lnk", 0120000L),
            Map.entry("link", 0120000L), Map.entry("reg", 0100000L), Map.entry("regular", 0100000L),
            Map.entry("blk", 060000L), Map.entry("block", 060000L), Map.entry("dir", 040000L),
            Map.entry("chr", 020000L), Map.entry("char", 020000L), Map.entry("fifo", 010000L),
            Map.entry("pipe", 010000L));

    /** Resolves {@code list:NAME} inside InMap values; null where Tetragon has no list reader (all but tracepoints). */
    interface ListResolver {
        FilterValues.Item resolve(String name, ArgType type, SourceSpan span);
    }

    private final ListResolver lists;

    ArgValues(ListResolver lists) {
        this.lists = lists;
    }

    FilterValues parse(ArgSelector a, Operator op, ArgType ty, List<SelectorLowering.SigArg> sig, int base) {
        List<String> vs = a.values();
        SourceSpan span = a.span();
        String pfx = "parseMatchArgs  error: ";
        switch (op) {
            case IN_RANGE, NOT_IN_RANGE -> {
                return ranges(vs, ty, span);
            }
            case IN_MAP, NOT_IN_MAP -> {
                return valueSet(vs, ty, op, span);
            }
            case SUBSTRING, SUBSTRING_IGNCASE -> {
                if (ty == ArgType.STRING || ty == ArgType.CHAR_BUF) {
                    return new FilterValues.Substrings(vs.stream().map(Bytes::utf8).toList());
                }
                return new FilterValues.None();
            }
            case EQUAL, NOT_EQUAL -> {
                if (isStringEqualType(ty)) {
                    List<Bytes> out = new ArrayList<>();
                    for (String v : vs) {
                        out.add(ty == ArgType.STRING ? trimNul(v, span, "writeMatchStrings") : Bytes.utf8(v));
                    }
                    return new FilterValues.Strings(out);
                }
                return ints(vs, ty, op, span);
            }
            case PREFIX, NOT_PREFIX -> {
                return new FilterValues.Prefixes(vs.stream().map(Bytes::utf8).toList());
            }
            case POSTFIX, NOT_POSTFIX -> {
                List<Bytes> out = new ArrayList<>();
                for (String v : vs) {
                    out.add(ty == ArgType.CHAR_BUF ? Bytes.utf8(v) : trimNul(v, span, "writePostfixStrings"));
                }
                return new FilterValues.Postfixes(out);
            }
            case SPORT, DPORT, NOT_SPORT, NOT_DPORT, PROTOCOL, FAMILY, STATE -> {
                boolean unixFamily = ty == ArgType.SOCKADDR_UN && op == Operator.FAMILY;
                if (!ty.isSocketLike() && !unixFamily) {
                    throw fail(pfx + "sock/socket/skb/sockaddr/sockaddr_un operators specified for"
                            + " non-sock/socket/skb/sockaddr/sockaddr_un type", span);
                }
                if (ty == ArgType.SOCKADDR && (op == Operator.DPORT || op == Operator.NOT_DPORT
                        || op == Operator.PROTOCOL || op == Operator.STATE)) {
                    throw fail(pfx + "sockaddr only supports [not]saddr, [not]sport[priv], and family", span);
                }
                List<FilterValues.Item> items = new ArrayList<>();
                for (String v : vs) {
                    items.add(rangeItem(v, ArgType.UINT64, op, span, "writeMatchRangesInMap"));
                }
                return new FilterValues.ValueSet(items, false);
            }
            case SADDR, DADDR, NOT_SADDR, NOT_DADDR -> {
                socketOnly(ty, op, span, op == Operator.DADDR || op == Operator.NOT_DADDR);
                List<FilterValues.Cidr> out = new ArrayList<>();
                for (String v : vs) {
                    GoNetip.Parsed p = GoNetip.parse(v);
                    if (p.error() != null) {
                        throw fail(pfx + "writeMatchAddrsInMap error: MatchArgs value " + v + " invalid: parse IP: "
                                + p.error(), span);
                    }
                    out.add(p.cidr());
                }
                return new FilterValues.Addresses(out);
            }
            case SPORT_PRIV, DPORT_PRIV, NOT_SPORT_PRIV, NOT_DPORT_PRIV -> {
                socketOnly(ty, op, span, op == Operator.DPORT_PRIV || op == Operator.NOT_DPORT_PRIV);
                return new FilterValues.None();
            }
            case FILE_TYPE, NOT_FILE_TYPE -> {
                if (ty != ArgType.FILE && ty != ArgType.PATH) {
                    throw fail(pfx + "FileType operators specified for non-file/path type", span);
                }
                List<Long> out = new ArrayList<>();
                for (String v : vs) {
                    Long n = FILE_TYPES.get(v);
                    if (n == null) {
                        throw fail(pfx + "writeMatchFileType error: unknown file type: " + v, span);
                    }
                    out.add(n);
                }
                return new FilterValues.Ints(out, 4);
            }
            case CAPABILITIES_GAINED -> {
                if (a.args().size() != 2) {
                    throw fail(pfx + "CapabilitiesGained operator requires two args: the new and the old capability", span);
                }
                long second = a.args().get(1);
                if (second < 0 || second >= sig.size()) {
                    throw fail(pfx + "failed to get second argument for CapabilitiesGained operator: wrong"
                            + " ArgSelector.Arg value " + second + ", max(" + sig.size() + ")", span);
                }
                boolean caps = ty.isCapability() && sig.get((int) second).type().map(ArgType::isCapability).orElse(false);
                if (!caps) {
                    throw fail(pfx + "CapabilitiesGained operator requaries capability type arguments", span);
                }
                return new FilterValues.SecondArg((int) second);
            }
            case CEL_EXPR -> {
                if (vs.size() != 1) {
                    throw fail(pfx + "addMatchCelExpr: only a single CelExpr value is supported", span);
                }
                return new FilterValues.CelExpression(vs.get(0));
            }
            default -> {
                return ints(vs, ty, op, span);
            }
        }
    }

    /** Tetragon 1.8.13's string-hash types (Equal/NotEqual through the string maps). */
    static boolean isStringEqualType(ArgType t) {
        return t.isStringEqualType() || t == ArgType.DENTRY || t == ArgType.SOCKADDR_UN;
    }

    private static void socketOnly(ArgType ty, Operator op, SourceSpan span, boolean destination) {
        if (!ty.isSocketLike()) {
            throw fail("parseMatchArgs  error: sock/socket/skb/sockaddr operators specified for non-sock/socket/skb/sockaddr type", span);
        }
        if (ty == ArgType.SOCKADDR && destination) {
            throw fail("parseMatchArgs  error: sockaddr only supports [not]saddr, [not]sport[priv], and family", span);
        }
    }

    /** Trailing NULs go for {@code string} values (and postfixes); an all-NUL or empty value crashes Tetragon. */
    private static Bytes trimNul(String v, SourceSpan span, String where) {
        byte[] b = v.getBytes(StandardCharsets.UTF_8);
        int n = b.length;
        while (n > 0 && b[n - 1] == 0) {
            n--;
        }
        if (n == 0 && where.equals("writePostfixStrings")) {
            throw fail("parseMatchArgs  error: " + where + " error: empty value (Tetragon's agent would crash on it)", span);
        }
        if (n == 0 && b.length > 0) {
            throw fail("parseMatchArgs  error: " + where + " error: value of NUL bytes only (Tetragon's agent would crash on it)", span);
        }
        return Bytes.of(Arrays.copyOf(b, n));
    }

    /** writeMatchValues: ≤ 4 values, base auto-detected, width by type. */
    private static FilterValues ints(List<String> vs, ArgType ty, Operator op, SourceSpan span) {
        String pfx = "parseMatchArgs  error: writeMatchValues error: ";
        if (vs.size() > 4) {
            throw fail(pfx + "selector does not support more than 4 values: consider using InMap or NotInMap operators", span);
        }
        List<Long> out = new ArrayList<>();
        for (String v : vs) {
            GoNumbers.Parsed p;
            if (ty.isSigned32()) {
                p = GoNumbers.parseInt(v, 0, 32);
            } else if (ty.isUnsigned32()) {
                p = GoNumbers.parseUint(v, 0, 32);
            } else if (ty.isSigned64()) {
                p = GoNumbers.parseInt(v, 0, 64);
            } else if (ty == ArgType.UINT64) {
                p = GoNumbers.parseUint(v, 0, 64);
            } else if (ty.isSocketLike() || ty == ArgType.NET_DEVICE) {
                throw fail(pfx + "MatchArgs type sock, socket, skb, sockaddr and net_device do not support operator "
                        + op.canonicalName(), span);
            } else if (ty.isCapability()) {
                p = capabilityMask(v);
            } else {
                throw fail(pfx + "MatchArgs type " + ty.canonicalName() + " unsupported", span);
            }
            if (!p.ok()) {
                String what = ty.isCapability() ? "MatchArgs capabilities mask value " : "MatchArgs value ";
                throw fail(pfx + what + v + " invalid: " + p.error(), span);
            }
            out.add(ty.isSigned32() || ty.isUnsigned32() ? p.value() & 0xFFFF_FFFFL : p.value());
        }
        int width = ty.isSigned32() || ty.isUnsigned32() ? 4 : 8;
        return new FilterValues.Ints(out, width);
    }

    /** parseCapabilitiesMask: a number (any base) or a comma-separated list of names. */
    private static GoNumbers.Parsed capabilityMask(String s) {
        GoNumbers.Parsed n = GoNumbers.parseUint(s, 0, 64);
        if (n.ok()) {
            return n;
        }
        long mask = 0;
        for (String name : s.split(",", -1)) {
            int bit = Capabilities.bit(name).orElse(-1);
            if (bit < 0) {
                return new GoNumbers.Parsed(0, "parseCapabilitiesMask: value "
                        + name.strip().toUpperCase(java.util.Locale.ROOT) + " unknown");
            }
            mask |= 1L << bit;
        }
        return new GoNumbers.Parsed(mask, null);
    }

    private static FilterValues ranges(List<String> vs, ArgType ty, SourceSpan span) {
        String pfx = "parseMatchArgs  error: writeMatchValuesIntervals error: ";
        if (vs.size() > 4) {
            throw fail(pfx + "selector does not support more than 4 values", span);
        }
        boolean narrow = ty == ArgType.INT || ty == ArgType.INT32 || ty == ArgType.SIZE_T || ty == ArgType.UINT32
                || ty == ArgType.UINT16 || ty == ArgType.UINT8 || ty == ArgType.INT16 || ty == ArgType.INT8;
        boolean wide = ty == ArgType.INT64 || ty == ArgType.SYSCALL64 || ty == ArgType.UINT64;
        List<FilterValues.Bound> out = new ArrayList<>();
        for (String v : vs) {
            String[] r = v.split(":", -1);
            if (r.length != 2) {
                throw fail(pfx + "MatchArgs value " + v + " invalid: range should be 'min:max'", span);
            }
            GoNumbers.Parsed lo = GoNumbers.parseInt(r[0], 0, 64);
            if (!lo.ok()) {
                throw fail(pfx + "MatchArgs value " + v + " invalid: " + lo.error(), span);
            }
            GoNumbers.Parsed hi = GoNumbers.parseInt(r[1], 0, 64);
            if (!hi.ok()) {
                throw fail(pfx + "MatchArgs value " + v + " invalid: " + hi.error(), span);
            }
            if (narrow) {
                if (hi.value() > 0xFFFF_FFFFL || lo.value() > 0xFFFF_FFFFL) {
                    throw fail(pfx + "range out of range (" + lo.value() + ":" + hi.value() + ") allowed max 4294967295", span);
                }
                out.add(new FilterValues.Bound(lo.value() & 0xFFFF_FFFFL, hi.value() & 0xFFFF_FFFFL));
            } else if (wide) {
                out.add(new FilterValues.Bound(lo.value(), hi.value()));
            } else {
                throw fail(pfx + "MatchArgs type " + ty.canonicalName() + " unsupported for range operators", span);
            }
        }
        return new FilterValues.Ranges(out, narrow ? 4 : 8);
    }

    /** writeMatchValuesInMap: decimal values, {@code a:b} ranges, {@code list:NAME}. */
    private FilterValues valueSet(List<String> vs, ArgType ty, Operator op, SourceSpan span) {
        List<FilterValues.Item> items = new ArrayList<>();
        for (String v : vs) {
            if (v.startsWith("list:")) {
                if (lists == null) {
                    throw fail("parseMatchArgs  error: writeMatchRangesInMap error: failed list values loading is not supported", span);
                }
                items.add(lists.resolve(v.substring(5), ty, span));
                continue;
            }
            if (v.contains(":")) {
                items.add(rangeItem(v, ty, op, span, "writeMatchRangesInMap"));
                continue;
            }
            items.add(new FilterValues.Single(single(v, ty, span, "writeMatchRangesInMap")));
        }
        return new FilterValues.ValueSet(items, ty.isSignedMapKey());
    }

    private static long single(String v, ArgType ty, SourceSpan span, String where) {
        GoNumbers.Parsed p;
        if (ty.isSignedMapKey()) {
            p = GoNumbers.parseInt(v, 10, 64);
        } else if (ty.isUnsignedMapKey()) {
            p = GoNumbers.parseUint(v, 10, 64);
        } else {
            throw fail("parseMatchArgs  error: " + where + " error: unknown type: " + ty.id(), span);
        }
        if (!p.ok()) {
            throw fail("parseMatchArgs  error: " + where + " error: MatchArgs value " + v + " invalid: " + p.error(), span);
        }
        return p.value();
    }

    /** writeRangeInMap: {@code a:b}, or a single value (a Protocol/Family/State name allowed). */
    private static FilterValues.Item rangeItem(String v, ArgType ty, Operator op, SourceSpan span, String where) {
        String[] r = v.split(":", -1);
        if (r.length > 2) {
            throw fail("parseMatchArgs  error: " + where + " error: MatchArgs value " + v + " invalid: range should be 'min:max'", span);
        }
        if (r.length == 1) {
            OptionalLong named = NetworkNames.number(op, v);
            if (named.isPresent()) {
                return new FilterValues.Single(named.getAsLong());
            }
            return new FilterValues.Single(single(v, ty, span, where));
        }
        return new FilterValues.Range(single(r[0], ty, span, where), single(r[1], ty, span, where));
    }

    Action action(ActionSelector a) {
        SourceSpan span = a.span();
        // Tetragon lower-cases the name before its lookup; the model binds only the CRD's spelling
        String name = a.action() != null ? a.action().wire() : a.text("action");
        ActionKind kind = name == null ? null : ActionKind.parse(name).orElse(null);
        if (kind == null) {
            throw fail("parseMatchActions error: parseMatchAction: ActionType " + a.text("action") + " unknown", span);
        }
        long rateLimit = 0;
        int scope = 0;
        if (a.rateLimit() != null && !a.rateLimit().isEmpty()) {
            if (kind != ActionKind.POST) {
                throw fail("parseMatchActions error: rate limiting can only applied to post action (was applied to '"
                        + name + "')", span);
            }
            long[] rl = rateLimit(a.rateLimit(), a.rateLimitScope(), span);
            rateLimit = rl[0];
            scope = (int) rl[1];
        }
        switch (kind) {
            case POST:
                return new Action.Post(rateLimit, scope, SelectorLowering.bool(a.kernelStackTrace()),
                        SelectorLowering.bool(a.userStackTrace()), SelectorLowering.bool(a.imaHash()));
            case SIGKILL:
                return new Action.Sigkill();
            case OVERRIDE:
                return new Action.Override((int) num(a.argError()));
            case GET_URL:
                return new Action.GetUrl(a.argUrl() == null ? "" : a.argUrl());
            case DNS_LOOKUP:
                return new Action.DnsLookup(a.argFqdn() == null ? "" : a.argFqdn());
            case NO_POST:
                return new Action.NoPost();
            case SIGNAL:
                return new Action.Signal(num(a.argSig()) & 0xFFFF_FFFFL);
            case TRACK_SOCK:
                return new Action.TrackSock(num(a.argSock()) & 0xFFFF_FFFFL);
            case UNTRACK_SOCK:
                return new Action.UntrackSock(num(a.argSock()) & 0xFFFF_FFFFL);
            case NOTIFY_ENFORCER:
                return new Action.NotifyEnforcer((int) num(a.argError()), num(a.argSig()) & 0xFFFF_FFFFL,
                        Action.NotifyEnforcer.NO_ARG_INDEX);
            case CLEANUP_ENFORCER_NOTIFICATION:
                return new Action.CleanupEnforcerNotification();
            case SET:
                return new Action.Set(num(a.argIndex()) & 0xFFFF_FFFFL, num(a.argValue()) & 0xFFFF_FFFFL);
            default:
                throw fail("parseMatchActions error: ParseMatchAction: act " + kind.id() + " is missing a handler", span);
        }
    }

    /** parseRateLimit: seconds, or an s/m/h suffix; stored in ms, capped at 2^32-1. */
    static long[] rateLimit(String str, String scopeStr, SourceSpan span) {
        char last = str.charAt(str.length() - 1);
        long multiplier = switch (last) {
            case 's', 'S' -> 1;
            case 'm', 'M' -> 60;
            case 'h', 'H' -> 3600;
            default -> 0;
        };
        String digits = str;
        if (multiplier != 0) {
            if (str.length() == 1) {
                throw fail("parseMatchActions error: parseRateLimit: rateLimit value " + str + " is invalid", span);
            }
            digits = str.substring(0, str.length() - 1);
        } else {
            multiplier = 1;
        }
        GoNumbers.Parsed p = GoNumbers.parseUint(digits, 10, 32);
        if (!p.ok()) {
            throw fail("parseMatchActions error: parseRateLimit: rateLimit value " + str + " is invalid", span);
        }
        long scope = 0;
        if (scopeStr != null && !scopeStr.isEmpty()) {
            scope = switch (scopeStr) {
                case "thread" -> 0;
                case "process" -> 1;
                case "global" -> 2;
                default -> throw fail("parseMatchActions error: parseRateLimit: rateLimitScope value " + scopeStr
                        + " is invalid", span);
            };
        }
        long ms = Math.min(p.value() * multiplier * 1000, 0xFFFF_FFFFL);
        return new long[] {ms, scope};
    }

    private static long num(Long v) {
        return v == null ? 0 : v;
    }

    private static LoweringFailure fail(String message, SourceSpan span) {
        return new LoweringFailure(message, span);
    }
}
