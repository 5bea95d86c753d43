package dev.tpc.scenario.model;

import dev.tpc.diag.SourceSpan;
import java.util.List;

/** An argument of a system call, typed by what the workload helper has to build for it. */
public sealed interface CallArg {
    SourceSpan span();

    /**
     * An integer: a number in any base, a named constant or several ORed ({@code O_RDONLY|O_CREAT}).
     *
     * @param written as written, for reports
     */
    record Int(long value, String written, SourceSpan span) implements CallArg {
    }

    /** A NUL-terminated string (a path or a name); {@code ${scratch}} is expanded when the step runs. */
    record Str(String value, SourceSpan span) implements CallArg {
    }

    /** Bytes the call reads, e.g. what {@code write} writes. */
    record Bytes(byte[] data, SourceSpan span) implements CallArg {
        public Bytes {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }
    }

    /** A zeroed buffer of {@code size} bytes the call may write into, e.g. {@code read}'s. */
    record Buffer(int size, SourceSpan span) implements CallArg {
    }

    /** A NULL-terminated array of strings, e.g. {@code execve}'s argv and envp. */
    record StringArray(List<String> values, SourceSpan span) implements CallArg {
        public StringArray {
            values = List.copyOf(values);
        }
    }

    /** The return value of an earlier call of the same step, by the name it was bound to. */
    record Ref(String name, SourceSpan span) implements CallArg {
    }

    /** The process id of the step's own process (so that kill and ptrace can only ever aim at it). */
    record OwnPid(SourceSpan span) implements CallArg {
    }

    /** An IPv4 or IPv6 socket address ({@code inet("127.0.0.1", 8080)}), passed as a pointer to a sockaddr. */
    record Inet(String address, int port, SourceSpan span) implements CallArg {
    }

    /** A unix socket address ({@code unix("/run/x.sock")}), passed as a pointer to a sockaddr_un. */
    record Unix(String path, SourceSpan span) implements CallArg {
    }
}
