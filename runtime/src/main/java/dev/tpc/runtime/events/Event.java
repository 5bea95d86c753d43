package dev.tpc.runtime.events;

import dev.tpc.runtime.plan.HookInfo;
import java.util.List;

/** A decoded event, ready to print in Tetragon's shapes. Times are wall-clock nanoseconds since the epoch. */
public sealed interface Event {

    long time();

    ProcessInfo process();

    /** The parent's block, null when the parent is unknown. */
    ProcessInfo parent();

    record Exec(long time, ProcessInfo process, ProcessInfo parent) implements Event {
    }

    /** {@code signal} is 0 for a normal exit; {@code status} is the exit code. */
    record Exit(long time, ProcessInfo process, ProcessInfo parent, int status, int signal) implements Event {
    }

    /**
     * A policy hook fired. {@code action} is Tetragon's action name ({@code KPROBE_ACTION_POST}, ...).
     * For a hook with a return probe, the entry's event carries what the return program reported:
     * {@code returnValue} and {@code returnAction} (null otherwise).
     */
    record Hook(long time, ProcessInfo process, ProcessInfo parent, int tid, HookInfo hook, List<ArgValue> args,
            String action, ArgValue returnValue, String returnAction) implements Event {
        public Hook {
            args = List.copyOf(args);
        }

        public Hook(long time, ProcessInfo process, ProcessInfo parent, int tid, HookInfo hook, List<ArgValue> args,
                String action) {
            this(time, process, parent, tid, hook, args, action, null, null);
        }

        /** This entry event completed by its return. */
        public Hook withReturn(ArgValue value, String action) {
            return new Hook(time, process, parent, tid, hook, args, this.action, value, action);
        }
    }
}
