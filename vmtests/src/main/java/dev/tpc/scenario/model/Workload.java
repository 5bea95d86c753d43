package dev.tpc.scenario.model;

import dev.tpc.diag.SourceSpan;
import java.util.List;
import java.util.Optional;

/** What a step's process does: run a command, or make system calls itself. */
public sealed interface Workload {
    SourceSpan span();

    /**
     * A command, executed directly (no shell) unless {@code shell}: then {@code argv} is one
     * script for {@code /bin/sh -c}. The string {@code ${scratch}} in any argument is replaced by
     * the scenario's scratch directory.
     */
    record Command(List<String> argv, boolean shell, SourceSpan span) implements Workload {
        public Command {
            argv = List.copyOf(argv);
        }
    }

    /** System calls made one after another by the workload helper, in one process, exactly as written. */
    record Calls(List<Call> calls, SourceSpan span) implements Workload {
        public Calls {
            calls = List.copyOf(calls);
        }
    }

    /**
     * One system call.
     *
     * @param syscall the call's name as the kernel's syscall table has it ({@code openat}, {@code lseek}, ...)
     * @param number  its number on the architecture the scenario was resolved for
     * @param bindsAs a name later calls of the step may use for this call's return value
     * @param expect  what its return value must be (empty: anything)
     */
    record Call(String syscall, int number, List<CallArg> args, Optional<String> bindsAs, List<CallExpectation> expect,
                SourceSpan span) {
        public Call {
            args = List.copyOf(args);
            expect = List.copyOf(expect);
        }
    }
}
