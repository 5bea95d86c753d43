package dev.tpc.encode;

import dev.tpc.diag.SourceSpan;

/** The outcome of encoding one attach point: the encoding, or why Tetragon's encoder (or tpc's) refuses it. */
public sealed interface EncodeResult {

    record Encoded(EncodedHook hook) implements EncodeResult {}

    /** {@code message} follows Tetragon's wording where Tetragon refuses the same input. */
    record Refused(String hook, String message, SourceSpan span) implements EncodeResult {}
}
