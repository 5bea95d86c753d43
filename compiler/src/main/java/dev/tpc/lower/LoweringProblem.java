package dev.tpc.lower;

import dev.tpc.diag.SourceSpan;

/**
 * Why a hook could not be lowered. {@code message} uses Tetragon's wording where Tetragon
 * refuses the same input; {@code hook} names the hook ({@code kprobes[2]}).
 */
public record LoweringProblem(String hook, String message, SourceSpan span) {}
