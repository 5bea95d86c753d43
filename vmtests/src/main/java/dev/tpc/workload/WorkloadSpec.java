package dev.tpc.workload;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the workload helper needs to run one step, resolved to numbers and bytes: the
 * helper knows nothing of the scenario language. The helper runs as a supervisor that stays out
 * of the step's scope and a workload child that joins {@code cgroup} first, so that a scoped
 * policy can only ever see (and enforce on) the child and what it starts.
 *
 * @param cgroup  a cgroup v2 directory the workload child joins before anything else (empty: none)
 * @param uid     the user the child switches to after joining the cgroup (empty: unchanged)
 * @param gid     the group it switches to (supplementary groups are dropped when either is given)
 * @param cwd     the child's working directory
 * @param env     the child's whole environment
 * @param timeout after this the supervisor kills the child's process group and reports a timeout
 * @param stdout  where the child's standard output goes (the file is created or truncated)
 * @param stderr  where the child's standard error goes
 */
public record WorkloadSpec(Optional<Path> cgroup, Optional<Integer> uid, Optional<Integer> gid, Path cwd,
                           Map<String, String> env, Action action, Duration timeout, Path stdout, Path stderr) {
    public WorkloadSpec {
        env = Map.copyOf(env);
    }

    /** What the child does. */
    public sealed interface Action {
    }

    /** {@code execve(path, argv, env)}: the child becomes the command (same pid). */
    public record Exec(String path, List<String> argv) implements Action {
        public Exec {
            argv = List.copyOf(argv);
        }
    }

    /** System calls made one after another; each one's result is reported, then the child exits 0. */
    public record Syscalls(List<SyscallOp> calls) implements Action {
        public Syscalls {
            calls = List.copyOf(calls);
        }
    }

    /** {@code syscall(number, args...)}, at most six arguments. */
    public record SyscallOp(int number, List<Arg> args) {
        public SyscallOp {
            args = List.copyOf(args);
            if (args.size() > 6) {
                throw new IllegalArgumentException("a system call takes at most six arguments, not " + args.size());
            }
        }
    }

    /** An argument as the helper builds it. */
    public sealed interface Arg {
    }

    /** The value itself. */
    public record Int(long value) implements Arg {
    }

    /** A pointer to these bytes followed by a NUL. */
    public record CString(byte[] bytes) implements Arg {
        public CString {
            bytes = bytes.clone();
        }
    }

    /** A pointer to a copy of these bytes (no NUL added). */
    public record InBuffer(byte[] bytes) implements Arg {
        public InBuffer {
            bytes = bytes.clone();
        }
    }

    /** A pointer to {@code size} zeroed bytes. */
    public record OutBuffer(int size) implements Arg {
    }

    /** A pointer to a NULL-terminated array of pointers to NUL-terminated strings. */
    public record StringVector(List<byte[]> values) implements Arg {
        public StringVector {
            values = values.stream().map(byte[]::clone).toList();
        }
    }

    /** The return value of call {@code index} (0-based) of the same step. */
    public record Result(int index) implements Arg {
    }

    /** The child's own pid. */
    public record OwnPid() implements Arg {
    }
}
