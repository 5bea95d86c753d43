package dev.tpc.lower;

import dev.tpc.diag.SourceSpan;

/** Internal: stops lowering one hook; {@link Lowering} records it as a {@link LoweringProblem}. */
final class LoweringFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient SourceSpan span;

    LoweringFailure(String message, SourceSpan span) {
        super(message, null, false, false);
        this.span = span;
    }

    SourceSpan span() {
        return span;
    }
}
