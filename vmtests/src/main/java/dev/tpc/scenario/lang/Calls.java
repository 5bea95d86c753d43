package dev.tpc.scenario.lang;

import dev.tpc.diag.Quoted;
import dev.tpc.diag.SourceSpan;
import dev.tpc.scenario.diag.ScenarioRule;
import dev.tpc.scenario.model.CallArg;
import dev.tpc.scenario.model.CallExpectation;
import dev.tpc.scenario.model.Workload;
import dev.tpc.target.Arch;
import dev.tpc.workload.Constants;
import dev.tpc.workload.SyscallCatalog;
import dev.tpc.workload.SyscallCatalog.Kind;
import dev.tpc.workload.SyscallCatalog.Param;
import dev.tpc.workload.SyscallCatalog.Signature;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The direct system calls of a step, checked against their signatures in {@link SyscallCatalog}:
 * the call exists (and has a number on the scenario's architecture), each argument is of the kind
 * its parameter takes, constants belong to the parameter's group, references name earlier calls.
 */
final class Calls {
    /** The largest buffer a call may be given, and the longest unix socket path (sun_path less its NUL). */
    static final int MAX_BUFFER = 1 << 20;
    static final int MAX_UNIX_PATH = 107;

    private final Spans spans;
    private final Findings findings;
    private final Literals literals;
    private final int maxItems;

    Calls(Spans spans, Findings findings, Literals literals, int maxItems) {
        this.spans = spans;
        this.findings = findings;
        this.literals = literals;
        this.maxItems = maxItems;
    }

    /**
     * One call; null when it is wrong (and reported).
     *
     * @param bound the names earlier calls of the step were bound to, and the index of each
     * @param later  every name a call of the step binds, and the line of that call
     */
    Workload.Call call(TpsParser.CallContext ctx, Arch arch, Map<String, Integer> bound, Map<String, Integer> later) {
        boolean binds = ctx.ASSIGN() != null;
        TpsParser.IdentContext nameCtx = ctx.ident(binds ? 1 : 0);
        String name = nameCtx.getText();
        Optional<Signature> sig = SyscallCatalog.byName(name);
        if (sig.isEmpty()) {
            Set<String> known = SyscallCatalog.names();
            findings.add(ScenarioRule.UNKNOWN_SYSCALL, spans.of(nameCtx), "unknown system call " + Quoted.doubled(name),
                    Suggest.hintOr(name, known, "the calls a step can make: " + Suggest.some(known)));
            return null;
        }
        OptionalInt number = SyscallCatalog.number(name, arch);
        boolean ok = true;
        if (number.isEmpty()) {
            findings.add(ScenarioRule.NOT_ON_ARCH, spans.of(nameCtx), name + " has no system call number on " + arch.id(),
                    "use a call both architectures have (openat rather than open), or say arch x86_64 in the scenario");
            ok = false;
        }
        List<Param> params = sig.get().params();
        List<TpsParser.ArgContext> args = ctx.arg();
        if (args.size() != params.size()) {
            findings.add(ScenarioRule.ARGUMENT_COUNT, spans.of(ctx), name + " takes " + params.size() + " argument"
                    + (params.size() == 1 ? "" : "s") + ", not " + args.size(), name + "(" + String.join(", ",
                    params.stream().map(Param::name).toList()) + ")");
            ok = false;
        }
        List<CallArg> out = new ArrayList<>();
        for (int i = 0; i < Math.min(args.size(), params.size()); i++) {
            CallArg a = arg(args.get(i), params.get(i), i, name, bound, later);
            ok &= a != null;
            out.add(a);
        }
        Optional<String> binding = binds ? Optional.of(ctx.ident(0).getText()) : Optional.empty();
        return ok ? new Workload.Call(name, number.getAsInt(), out, binding, List.of(), spans.of(ctx)) : null;
    }

    /** {@code expect ok}, {@code expect errno EPERM}, {@code expect returns 3}. */
    CallExpectation expectation(TpsParser.ExpectedContext e) {
        SourceSpan span = spans.of(e.getParent() instanceof TpsParser.ExpectationContext x ? x : e);
        if (e instanceof TpsParser.ExpectOkContext) {
            return new CallExpectation.Succeeds(span);
        }
        if (e instanceof TpsParser.ExpectReturnsContext r) {
            Long v = literals.register(r.integer());
            return v == null ? null : new CallExpectation.Returns(v, span);
        }
        TpsParser.IdentContext id = ((TpsParser.ExpectErrnoContext) e).ident();
        Long v = constant(id, "errno", "an errno name");
        return v == null ? null : new CallExpectation.Errno(id.getText(), v.intValue(), span);
    }

    /** A name of constant {@code group} (errno, signal) where an expectation takes one. */
    Long constant(TpsParser.IdentContext id, String group, String what) {
        String name = id.getText();
        Optional<Constants.Constant> c = Constants.byName(name);
        if (c.isPresent() && c.get().group().equals(group)) {
            return c.get().value();
        }
        Set<String> names = Constants.group(group);
        String hint = Suggest.hintOr(name, names, "the names are " + Suggest.some(names));
        findings.add(ScenarioRule.UNKNOWN_CONSTANT, spans.of(id), c.isPresent()
                ? name + " is not " + what + " (it is one of " + c.get().group() + ")"
                : "unknown " + what.substring(what.indexOf(' ') + 1) + " " + name, hint);
        return null;
    }

    private CallArg arg(TpsParser.ArgContext a, Param p, int index, String call, Map<String, Integer> bound,
                        Map<String, Integer> later) {
        String which = "argument " + (index + 1) + " of " + call + " (" + p.name() + ")";
        SourceSpan span = spans.of(a);
        if (a instanceof TpsParser.IntArgContext ints) {
            return integer(ints, p, which, bound, later, span);
        }
        if (a instanceof TpsParser.StringArgContext s) {
            if (p.kind() == Kind.PATH || p.kind() == Kind.STRING) {
                String t = literals.cString(s.STRING().getSymbol(), "a " + (p.kind() == Kind.PATH ? "path" : "string argument"));
                return t == null ? null : new CallArg.Str(t, span);
            }
            if (p.kind() == Kind.BYTES_IN) {
                byte[] b = literals.bytes(s.STRING().getSymbol());
                return b == null ? null : new CallArg.Bytes(b, span);
            }
            return wrongKind(which, p, "a string", span);
        }
        if (a instanceof TpsParser.BufferArgContext b) {
            if (p.kind() != Kind.BUFFER_OUT) {
                return wrongKind(which, p, "a buffer", span);
            }
            Long size = literals.integer(b.integer(), 0, MAX_BUFFER, "a buffer's size");
            return size == null ? null : new CallArg.Buffer(size.intValue(), span);
        }
        if (a instanceof TpsParser.BytesArgContext b) {
            if (p.kind() != Kind.BYTES_IN) {
                return wrongKind(which, p, "bytes(...)", span);
            }
            byte[] data = literals.bytesValue(b.bytesValue());
            return data == null ? null : new CallArg.Bytes(data, span);
        }
        if (a instanceof TpsParser.InetArgContext in) {
            if (p.kind() != Kind.SOCKADDR) {
                return wrongKind(which, p, "a socket address", span);
            }
            String address = literals.text(in.STRING().getSymbol());
            Long port = literals.integer(in.integer(), 0, 65535, "a port");
            if (address == null || port == null) {
                return null;
            }
            if (!IpLiteral.isIpv4(address) && !IpLiteral.isIpv6(address)) {
                findings.add(ScenarioRule.BAD_ADDRESS, spans.of(in.STRING()), Quoted.doubled(address)
                        + " is not an IPv4 or IPv6 address", "write the address itself, e.g. \"127.0.0.1\" or \"::1\" (names are not looked up)");
                return null;
            }
            return new CallArg.Inet(address, port.intValue(), span);
        }
        if (a instanceof TpsParser.UnixArgContext u) {
            if (p.kind() != Kind.SOCKADDR) {
                return wrongKind(which, p, "a socket address", span);
            }
            String path = literals.cString(u.STRING().getSymbol(), "a unix socket path");
            if (path == null) {
                return null;
            }
            int length = path.getBytes(StandardCharsets.UTF_8).length;
            if (length == 0 || (length > MAX_UNIX_PATH && !path.contains("${scratch}"))) {
                findings.add(ScenarioRule.BAD_ADDRESS, spans.of(u.STRING()), length == 0 ? "a unix socket path cannot be empty"
                        : "a unix socket path has at most " + MAX_UNIX_PATH + " bytes, not " + length);
                return null;
            }
            return new CallArg.Unix(path, span);
        }
        TpsParser.ArrayArgContext arr = (TpsParser.ArrayArgContext) a;
        if (p.kind() != Kind.STRING_ARRAY) {
            return wrongKind(which, p, "a list of strings", span);
        }
        if (arr.STRING().size() > maxItems) {
            findings.add(ScenarioRule.LIMIT, span, "a list of " + arr.STRING().size() + " strings; the limit is " + maxItems);
            return null;
        }
        List<String> values = new ArrayList<>();
        for (var s : arr.STRING()) {
            String t = literals.cString(s.getSymbol(), "a string of an array");
            if (t == null) {
                return null;
            }
            values.add(t);
        }
        return new CallArg.StringArray(values, span);
    }

    /** Numbers and constants joined by |, a reference to an earlier call, or self. */
    private CallArg integer(TpsParser.IntArgContext ints, Param p, String which, Map<String, Integer> bound,
                            Map<String, Integer> later, SourceSpan span) {
        List<TpsParser.IntAtomContext> atoms = ints.intAtom();
        if (atoms.size() == 1 && atoms.get(0).ident() != null) {
            String name = atoms.get(0).getText();
            if (name.equals("self")) {
                return p.kind() == Kind.PID ? new CallArg.OwnPid(span) : wrongKind(which, p, "self (the step's own pid)", span);
            }
            if (bound.containsKey(name)) {
                if (p.kind() == Kind.FD || p.kind() == Kind.ADDRESS) {
                    return new CallArg.Ref(name, span);
                }
                return wrongKind(which, p, "an earlier call's result", span);
            }
            if (later.containsKey(name) && (p.kind() == Kind.FD || p.kind() == Kind.ADDRESS)) {
                findings.add(ScenarioRule.UNKNOWN_REFERENCE, span, name + " is the result of a later call (line " + later.get(name)
                        + ")", "a call can use the results of the calls before it only");
                return null;
            }
        }
        if (p.kind() == Kind.PID) {
            findings.add(ScenarioRule.ARGUMENT_KIND, span, which + " may only be self, the step's own process",
                    "a step's calls never aim at another process");
            return null;
        }
        if (p.kind() != Kind.INT && p.kind() != Kind.FD && p.kind() != Kind.ADDRESS) {
            return wrongKind(which, p, "a number", span);
        }
        long value = 0;
        boolean ok = true;
        for (TpsParser.IntAtomContext atom : atoms) {
            Long v = atom.integer() != null ? literals.register(atom.integer()) : named(atom.ident(), p, which, bound);
            if (v == null) {
                ok = false;
            } else {
                value |= v;
            }
        }
        return ok ? new CallArg.Int(value, ints.getText(), span) : null;
    }

    /** A constant of the parameter's group. */
    private Long named(TpsParser.IdentContext id, Param p, String which, Map<String, Integer> bound) {
        String name = id.getText();
        SourceSpan span = spans.of(id);
        if (bound.containsKey(name) || name.equals("self")) {
            findings.add(ScenarioRule.ARGUMENT_KIND, span, name + " cannot be joined with | : only numbers and constants can");
            return null;
        }
        Optional<Constants.Constant> c = Constants.byName(name);
        if (p.constants().isEmpty()) {
            String what = c.isPresent() ? name + " is a constant of " + c.get().group() + ", but " : "unknown name " + name + ": ";
            String takes = p.kind() == Kind.INT ? "takes a number" : "takes a number or an earlier call's result";
            findings.add(c.isPresent() ? ScenarioRule.UNKNOWN_CONSTANT : ScenarioRule.UNKNOWN_REFERENCE, span, what + which + " " + takes,
                    c.isPresent() || bound.isEmpty() ? null : Suggest.hint(name, bound.keySet()));
            return null;
        }
        String group = p.constants().get();
        if (c.isPresent() && c.get().group().equals(group)) {
            return c.get().value();
        }
        Set<String> names = Constants.group(group);
        String hint = Suggest.hint(name, names);
        if (hint == null && p.kind() != Kind.INT) {
            hint = Suggest.hint(name, bound.keySet());
        }
        if (hint == null) {
            hint = names.isEmpty() ? group + " has no names yet: write the number" : "the " + group + " names are " + Suggest.some(names);
        }
        findings.add(ScenarioRule.UNKNOWN_CONSTANT, span, c.isPresent()
                ? name + " is a constant of " + c.get().group() + ", but " + which + " takes " + group
                : "unknown " + group + " constant " + name, hint);
        return null;
    }

    private CallArg wrongKind(String which, Param p, String given, SourceSpan span) {
        findings.add(ScenarioRule.ARGUMENT_KIND, span, which + " takes " + takes(p) + ", not " + given);
        return null;
    }

    /** What a parameter takes, as the language writes it. */
    static String takes(Param p) {
        String constants = p.constants().map(g -> " or " + g + " constants").orElse("");
        return switch (p.kind()) {
            case INT -> "a number" + constants;
            case FD -> "a file descriptor (a number" + constants.replace(" or ", ", ") + " or an earlier call's result)";
            case PID -> "self";
            case PATH -> "a path (a string)";
            case STRING -> "a string";
            case BYTES_IN -> "bytes (a string or bytes(...))";
            case BUFFER_OUT -> "a buffer (buffer(N))";
            case SOCKADDR -> "a socket address (inet(\"127.0.0.1\", 80), inet(\"::1\", 80) or unix(\"/path\"))";
            case STRING_ARRAY -> "a list of strings ([\"a\", \"b\"])";
            case ADDRESS -> "an address (a number or an earlier call's result)";
        };
    }
}
