package dev.tpc.workload;

import dev.tpc.workload.WorkloadSpec.Arg;
import dev.tpc.workload.WorkloadSpec.CString;
import dev.tpc.workload.WorkloadSpec.Exec;
import dev.tpc.workload.WorkloadSpec.InBuffer;
import dev.tpc.workload.WorkloadSpec.Int;
import dev.tpc.workload.WorkloadSpec.OutBuffer;
import dev.tpc.workload.WorkloadSpec.OwnPid;
import dev.tpc.workload.WorkloadSpec.Result;
import dev.tpc.workload.WorkloadSpec.StringVector;
import dev.tpc.workload.WorkloadSpec.SyscallOp;
import dev.tpc.workload.WorkloadSpec.Syscalls;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a {@link WorkloadSpec} in the helper's program encoding, version 1 (the format is
 * described in {@code src/main/c/program.h} and docs/workload-helper.md): a header line with the
 * length, then tokens, every byte string in hex so that no byte of a path or an argument can be
 * mistaken for a separator. The same spec always gives the same bytes (the environment is sorted).
 */
final class ProgramEncoder {
    static final int VERSION = 1;
    /** Limits of the C side (program.h), checked here so that a mistake is a Java exception with a clear message. */
    static final int MAX_PROGRAM_BYTES = 16 << 20;
    static final int MAX_CALLS = 4096;
    static final int MAX_STRINGS = 4096;
    static final int MAX_OUT_BUFFER = 64 << 20;
    static final long MAX_TIMEOUT_MS = 86_400_000L;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ProgramEncoder() {
    }

    static byte[] encode(WorkloadSpec spec) {
        StringBuilder b = new StringBuilder();
        b.append("timeout-ms ").append(timeoutMillis(spec.timeout())).append('\n');
        spec.cgroup().ifPresent(c -> field(b, "cgroup", path(c, "the cgroup")));
        spec.uid().ifPresent(u -> b.append("uid ").append(id(u, "uid")).append('\n'));
        spec.gid().ifPresent(g -> b.append("gid ").append(id(g, "gid")).append('\n'));
        field(b, "cwd", path(spec.cwd(), "the working directory"));
        field(b, "stdout", path(spec.stdout(), "stdout"));
        field(b, "stderr", path(spec.stderr(), "stderr"));
        if (spec.env().size() > MAX_STRINGS) {
            throw new IllegalArgumentException("more than " + MAX_STRINGS + " environment variables");
        }
        for (Map.Entry<String, String> e : new TreeMap<>(spec.env()).entrySet()) {
            if (e.getKey().isEmpty() || e.getKey().indexOf('=') >= 0) {
                throw new IllegalArgumentException("environment variable name \"" + e.getKey() + "\" is empty or has '='");
            }
            field(b, "env", cstring(e.getKey() + "=" + e.getValue(), "environment variable " + e.getKey()));
        }
        if (spec.action() instanceof Exec x) {
            b.append("exec ").append(hex(cstring(x.path(), "the command's path"))).append(' ')
                    .append(count(x.argv().size(), "arguments"));
            for (String a : x.argv()) {
                b.append(' ').append(hex(cstring(a, "a command argument")));
            }
            b.append('\n');
        } else {
            calls(b, ((Syscalls) spec.action()).calls());
        }
        b.append("end\n");
        byte[] body = b.toString().getBytes(StandardCharsets.US_ASCII);
        if (body.length > MAX_PROGRAM_BYTES) {
            throw new IllegalArgumentException("the step program takes " + body.length + " bytes, more than the helper reads ("
                    + MAX_PROGRAM_BYTES + ")");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 32);
        out.writeBytes(("tpc-workload " + VERSION + " " + body.length + "\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        return out.toByteArray();
    }

    static long timeoutMillis(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, not " + timeout);
        }
        long ms = timeout.toMillis() + (timeout.minusMillis(timeout.toMillis()).isZero() ? 0 : 1);
        return Math.min(ms, MAX_TIMEOUT_MS);
    }

    private static void calls(StringBuilder b, List<SyscallOp> calls) {
        if (calls.size() > MAX_CALLS) {
            throw new IllegalArgumentException("a step makes at most " + MAX_CALLS + " calls, not " + calls.size());
        }
        b.append("calls ").append(calls.size()).append('\n');
        long outTotal = 0;
        for (int i = 0; i < calls.size(); i++) {
            SyscallOp op = calls.get(i);
            if (op.number() < 0 || op.number() > 4095) {
                throw new IllegalArgumentException("call " + i + ": no system call has the number " + op.number());
            }
            b.append("call ").append(op.number()).append(' ').append(op.args().size());
            for (Arg a : op.args()) {
                b.append(' ');
                outTotal += arg(b, a, i);
            }
            b.append('\n');
        }
        if (outTotal > 4L * MAX_OUT_BUFFER) {
            throw new IllegalArgumentException("the buffers of the step take " + outTotal + " bytes, more than " + 4L * MAX_OUT_BUFFER);
        }
    }

    /** Appends one argument; returns the size of the buffer it asks for (0 for anything but a buffer). */
    private static long arg(StringBuilder b, Arg a, int i) {
        if (a instanceof Int n) {
            b.append("int ").append(n.value());
        } else if (a instanceof CString s) {
            b.append("str ").append(hex(s.bytes()));
        } else if (a instanceof InBuffer in) {
            b.append("in ").append(hex(in.bytes()));
        } else if (a instanceof OutBuffer o) {
            if (o.size() < 0 || o.size() > MAX_OUT_BUFFER) {
                throw new IllegalArgumentException("call " + i + ": a buffer of " + o.size() + " bytes (at most "
                        + MAX_OUT_BUFFER + ")");
            }
            b.append("out ").append(o.size());
            return o.size();
        } else if (a instanceof StringVector v) {
            b.append("vec ").append(count(v.values().size(), "strings in a vector"));
            for (byte[] s : v.values()) {
                b.append(' ').append(hex(noNul(s, "a string of a vector")));
            }
        } else if (a instanceof Result r) {
            if (r.index() < 0 || r.index() >= i) {
                throw new IllegalArgumentException("call " + i + " uses the result of call " + r.index()
                        + ", which is not an earlier call");
            }
            b.append("ref ").append(r.index());
        } else if (a instanceof OwnPid) {
            b.append("pid");
        } else {
            throw new IllegalArgumentException("unknown argument " + a);
        }
        return 0;
    }

    private static int count(int n, String what) {
        if (n > MAX_STRINGS) {
            throw new IllegalArgumentException("more than " + MAX_STRINGS + " " + what);
        }
        return n;
    }

    private static long id(int id, String what) {
        long v = Integer.toUnsignedLong(id);
        if (v == 0xffff_ffffL) {
            throw new IllegalArgumentException(what + " -1 is \"unchanged\" to the kernel, not an id");
        }
        return v;
    }

    private static void field(StringBuilder b, String name, byte[] value) {
        b.append(name).append(' ').append(hex(value)).append('\n');
    }

    private static byte[] path(Path p, String what) {
        byte[] bytes = cstring(p.toString(), what);
        if (bytes.length == 0) {
            throw new IllegalArgumentException(what + " is empty");
        }
        return bytes;
    }

    private static byte[] cstring(String s, String what) {
        return noNul(s.getBytes(StandardCharsets.UTF_8), what);
    }

    private static byte[] noNul(byte[] bytes, String what) {
        for (byte x : bytes) {
            if (x == 0) {
                throw new IllegalArgumentException(what + " has a NUL character");
            }
        }
        return bytes;
    }

    static String hex(byte[] bytes) {
        char[] out = new char[1 + 2 * bytes.length];
        out[0] = 'x';
        for (int i = 0; i < bytes.length; i++) {
            out[1 + 2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[2 + 2 * i] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }
}
