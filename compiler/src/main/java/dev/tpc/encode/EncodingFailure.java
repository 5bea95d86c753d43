package dev.tpc.encode;

import dev.tpc.diag.SourceSpan;

/** Internal: stops encoding one hook; {@link Encoder} turns it into an {@link EncodeResult.Refused}. */
final class EncodingFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient SourceSpan span;

    EncodingFailure(String message, SourceSpan span) {
        super(message, null, false, false);
        this.span = span;
    }

    SourceSpan span() {
        return span;
    }
}
