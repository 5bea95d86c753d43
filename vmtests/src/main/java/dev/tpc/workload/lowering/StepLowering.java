package dev.tpc.workload.lowering;

import dev.tpc.diag.SourceSpan;
import dev.tpc.scenario.model.CallArg;
import dev.tpc.scenario.model.Setup;
import dev.tpc.scenario.model.Setup.Principal;
import dev.tpc.scenario.model.Workload;
import dev.tpc.scenario.model.Workload.Call;
import dev.tpc.scenario.model.Workload.Calls;
import dev.tpc.scenario.model.Workload.Command;
import dev.tpc.workload.SyscallCatalog;
import dev.tpc.workload.SyscallCatalog.Kind;
import dev.tpc.workload.SyscallCatalog.Param;
import dev.tpc.workload.SyscallCatalog.Signature;
import dev.tpc.workload.WorkloadSpec;
import dev.tpc.workload.WorkloadSpec.Action;
import dev.tpc.workload.WorkloadSpec.Arg;
import dev.tpc.workload.WorkloadSpec.SyscallOp;
import dev.tpc.workload.lowering.Lowering.Ready;
import dev.tpc.workload.lowering.Lowering.Refused;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lowers a step of the scenario model to what the workload helper runs: {@code ${scratch}}
 * expanded, a command resolved to a path, every call argument turned into what the helper builds
 * (a string, bytes, a zeroed buffer, a socket address, an earlier call's result), the step's user
 * and group turned into ids.
 *
 * <p>It is also where a step is kept to itself: a parameter that names a process ({@code kill},
 * {@code tgkill}, {@code ptrace}, ...) may only be the step's own process ({@code self}, or 0,
 * which the kernel reads as the caller or its own process group), so that no scenario can signal
 * the runner, its parent or anything else on the machine.
 */
public final class StepLowering {
    private static final String SCRATCH = "${scratch}";
    private static final String DEFAULT_PATH = "/usr/bin:/bin";

    private final Principals principals;

    StepLowering(Principals principals) {
        this.principals = principals;
    }

    /** Lowers {@code workload} with users and groups looked up in /etc/passwd and /etc/group. */
    public static Lowering lower(Workload workload, StepContext context) {
        return new StepLowering(Principals.system()).lowerStep(workload, context);
    }

    /** Why a step cannot run, thrown inside the lowering only and returned as {@link Refused}. */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient SourceSpan span;

        Refusal(String message, SourceSpan span) {
            super(message, null, false, false);
            this.span = span;
        }
    }

    Lowering lowerStep(Workload workload, StepContext ctx) {
        try {
            Setup setup = ctx.setup();
            Map<String, String> env = new LinkedHashMap<>();
            setup.env().forEach((k, v) -> env.put(k, expand(v, ctx)));
            Path cwd = setup.workdir().map(w -> ctx.scratch().resolve(expand(w, ctx)).normalize()).orElse(ctx.scratch());
            Optional<Integer> uid = Optional.empty();
            Optional<Integer> gid = Optional.empty();
            if (setup.user().isPresent()) {
                Principal u = setup.user().get();
                uid = Optional.of(u.id().isPresent() ? u.id().get() : Principals.boxed(principals.uid(u.written()))
                        .orElseThrow(() -> new Refusal("no user \"" + u.written() + "\" in " + principals.passwdFile(), u.span())));
            }
            if (setup.group().isPresent()) {
                Principal g = setup.group().get();
                gid = Optional.of(g.id().isPresent() ? g.id().get() : Principals.boxed(principals.gid(g.written()))
                        .orElseThrow(() -> new Refusal("no group \"" + g.written() + "\" in " + principals.groupFile(), g.span())));
            } else if (uid.isPresent()) {
                gid = Principals.boxed(principals.primaryGid(uid.get())); // else the runner's
            }
            Action action = workload instanceof Command c ? command(c, env, ctx) : calls((Calls) workload, ctx);
            return new Ready(new WorkloadSpec(ctx.cgroup(), uid, gid, cwd, env, action, ctx.timeout(), ctx.stdout(), ctx.stderr()));
        } catch (Refusal r) {
            return new Refused(r.getMessage(), r.span);
        }
    }

    private static WorkloadSpec.Exec command(Command c, Map<String, String> env, StepContext ctx) throws Refusal {
        List<String> argv = new ArrayList<>();
        for (String a : c.argv()) {
            argv.add(noNul(expand(a, ctx), c.span()));
        }
        if (argv.isEmpty() || argv.get(0).isEmpty()) {
            throw new Refusal("a command needs a program to run", c.span());
        }
        if (c.shell()) {
            // the script, then what follows it as $0, $1, ... as sh -c takes them
            List<String> sh = new ArrayList<>(List.of("/bin/sh", "-c"));
            sh.addAll(argv);
            return new WorkloadSpec.Exec("/bin/sh", sh);
        }
        return new WorkloadSpec.Exec(resolve(argv.get(0), env.getOrDefault("PATH", DEFAULT_PATH), c.span()), argv);
    }

    /** A name with a slash is a path (relative ones to the step's working directory); a bare name is looked up in PATH. */
    private static String resolve(String name, String path, SourceSpan span) throws Refusal {
        if (name.contains("/")) {
            return name;
        }
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (candidate.isAbsolute() && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new Refusal("command \"" + name + "\" not found in PATH=" + path, span);
    }

    private static WorkloadSpec.Syscalls calls(Calls calls, StepContext ctx) throws Refusal {
        Map<String, Integer> bound = new HashMap<>();
        List<SyscallOp> ops = new ArrayList<>();
        for (int i = 0; i < calls.calls().size(); i++) {
            Call call = calls.calls().get(i);
            Signature sig = SyscallCatalog.byName(call.syscall()).orElseThrow(() -> new Refusal(
                    call.syscall() + " is not a call a step may make (see SyscallCatalog)", call.span()));
            if (call.args().size() != sig.params().size()) {
                throw new Refusal(call.syscall() + " takes " + sig.params().size() + " argument"
                        + (sig.params().size() == 1 ? "" : "s") + ", not " + call.args().size(), call.span());
            }
            List<Arg> args = new ArrayList<>();
            for (int j = 0; j < call.args().size(); j++) {
                args.add(arg(call, sig.params().get(j), j, call.args().get(j), bound, ctx));
            }
            ops.add(new SyscallOp(call.number(), args));
            if (call.bindsAs().isPresent()) {
                bound.put(call.bindsAs().get(), i);
            }
        }
        return new WorkloadSpec.Syscalls(ops);
    }

    private static Arg arg(Call call, Param p, int j, CallArg a, Map<String, Integer> bound, StepContext ctx) throws Refusal {
        String where = call.syscall() + " argument " + (j + 1) + " (" + p.name() + ")";
        Kind k = p.kind();
        if (k == Kind.PID) {
            if (a instanceof CallArg.OwnPid) {
                return new WorkloadSpec.OwnPid();
            }
            if (a instanceof CallArg.Int n && n.value() == 0) {
                return new WorkloadSpec.Int(0);
            }
            throw new Refusal(where + " may only be self (or 0): a step never aims at another process", a.span());
        }
        if (a instanceof CallArg.Int n) {
            return new WorkloadSpec.Int(n.value()); // any pointer parameter may be a raw address, e.g. 0 for NULL
        }
        if (a instanceof CallArg.Ref r && (k == Kind.INT || k == Kind.FD || k == Kind.ADDRESS)) {
            Integer index = bound.get(r.name());
            if (index == null) {
                throw new Refusal(where + ": no earlier call of the step is bound to \"" + r.name() + "\"", r.span());
            }
            return new WorkloadSpec.Result(index);
        }
        if (a instanceof CallArg.Str s && (k == Kind.PATH || k == Kind.STRING)) {
            return new WorkloadSpec.CString(expand(s.value(), ctx).getBytes(StandardCharsets.UTF_8));
        }
        if (a instanceof CallArg.Str s && k == Kind.BYTES_IN) {
            return new WorkloadSpec.InBuffer(expand(s.value(), ctx).getBytes(StandardCharsets.UTF_8));
        }
        if (a instanceof CallArg.Bytes b && (k == Kind.BYTES_IN || k == Kind.SOCKADDR)) {
            return new WorkloadSpec.InBuffer(b.data()); // data is data: no ${scratch} in it
        }
        if (a instanceof CallArg.Buffer b && k == Kind.BUFFER_OUT) {
            if (b.size() < 0) {
                throw new Refusal(where + ": a buffer of " + b.size() + " bytes", b.span());
            }
            return new WorkloadSpec.OutBuffer(b.size());
        }
        if (a instanceof CallArg.StringArray v && k == Kind.STRING_ARRAY) {
            List<byte[]> values = new ArrayList<>();
            for (String s : v.values()) {
                values.add(noNul(expand(s, ctx), v.span()).getBytes(StandardCharsets.UTF_8));
            }
            return new WorkloadSpec.StringVector(values);
        }
        if (a instanceof CallArg.Inet in && k == Kind.SOCKADDR) {
            return new WorkloadSpec.InBuffer(SocketAddresses.inet(in.address(), in.port()).orElseThrow(() -> new Refusal(
                    where + ": \"" + in.address() + "\" port " + in.port()
                            + " is not an IPv4 or IPv6 address literal with a port in [0, 65535] (names are never resolved)",
                    in.span())));
        }
        if (a instanceof CallArg.Unix u && k == Kind.SOCKADDR) {
            String path = expand(u.path(), ctx);
            return new WorkloadSpec.InBuffer(SocketAddresses.unix(path).orElseThrow(() -> new Refusal(
                    where + ": the unix socket path \"" + path + "\" is empty or longer than "
                            + (SocketAddresses.UNIX_PATH_MAX - 1) + " bytes", u.span())));
        }
        throw new Refusal(where + " takes " + describe(k) + ", not " + describe(a), a.span());
    }

    private static String expand(String s, StepContext ctx) {
        return s.replace(SCRATCH, ctx.scratch().toString());
    }

    private static String noNul(String s, SourceSpan span) throws Refusal {
        if (s.indexOf('\0') >= 0) {
            throw new Refusal("a NUL character cannot be part of a command argument or a string of an array", span);
        }
        return s;
    }

    private static String describe(Kind k) {
        return switch (k) {
            case INT -> "an integer";
            case FD -> "a file descriptor (an integer or an earlier call's result)";
            case PID -> "self";
            case PATH -> "a path";
            case STRING -> "a string";
            case BYTES_IN -> "text or bytes";
            case BUFFER_OUT -> "a buffer(N)";
            case SOCKADDR -> "a socket address (inet(...), unix(...))";
            case STRING_ARRAY -> "an array of strings";
            case ADDRESS -> "an address (an integer or an earlier call's result)";
        };
    }

    private static String describe(CallArg a) {
        if (a instanceof CallArg.Str) {
            return "a string";
        } else if (a instanceof CallArg.Bytes) {
            return "bytes";
        } else if (a instanceof CallArg.Buffer) {
            return "a buffer";
        } else if (a instanceof CallArg.StringArray) {
            return "an array of strings";
        } else if (a instanceof CallArg.Ref r) {
            return "the result of \"" + r.name() + "\"";
        } else if (a instanceof CallArg.OwnPid) {
            return "self";
        } else if (a instanceof CallArg.Inet) {
            return "an inet address";
        } else if (a instanceof CallArg.Unix) {
            return "a unix address";
        }
        return "an integer";
    }
}
