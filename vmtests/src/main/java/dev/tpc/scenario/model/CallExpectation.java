package dev.tpc.scenario.model;

import dev.tpc.diag.SourceSpan;

/** What a system call's return value must be. */
public sealed interface CallExpectation {
    SourceSpan span();

    /** Exactly this value. */
    record Returns(long value, SourceSpan span) implements CallExpectation {
    }

    /** Any value of zero or more. */
    record Succeeds(SourceSpan span) implements CallExpectation {
    }

    /** Failure (-1) with this errno, e.g. {@code EPERM} from an Override action. */
    record Errno(String name, int value, SourceSpan span) implements CallExpectation {
    }
}
