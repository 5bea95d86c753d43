package dev.tpc.scenario.model;

import dev.tpc.diag.SourceSpan;
import java.util.List;
import java.util.Optional;

/** What must follow from a step. */
public sealed interface Expectation {
    SourceSpan span();

    /**
     * An event of the step's processes that must appear ({@code present}) or must not.
     *
     * @param kind   the event's kind as Tetragon's JSON names it: {@code process_kprobe},
     *               {@code process_tracepoint}, {@code process_uprobe}, {@code process_lsm},
     *               {@code process_exec}, {@code process_exit}
     * @param fields every one must hold of the event (none: any event of that kind)
     * @param count  for a present event: exactly this many matching events (empty: at least one)
     */
    record Event(boolean present, String kind, List<FieldMatch> fields, Optional<Integer> count, SourceSpan span)
            implements Expectation {
        public Event {
            fields = List.copyOf(fields);
        }
    }

    /** The step's process exits with this status. */
    record Exit(int status, SourceSpan span) implements Expectation {
    }

    /** The step's process is killed by this signal ({@code SIGKILL}, number 9 on every Linux architecture tpc runs on). */
    record Killed(String signal, int number, SourceSpan span) implements Expectation {
    }
}
