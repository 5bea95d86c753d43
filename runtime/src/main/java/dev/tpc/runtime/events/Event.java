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
     */
    record Hook(long time, ProcessInfo process, ProcessInfo parent, int tid, HookInfo hook, List<ArgValue> args,
            String action) implements Event {
        public Hook {
            args = List.copyOf(args);
        }
    }
}
