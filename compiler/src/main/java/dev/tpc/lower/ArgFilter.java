package dev.tpc.lower;

import dev.tpc.diag.SourceSpan;

/**
 * One argument filter. {@code position} is the argument's position in the hook's argument table
 * (what the blob's index word holds), not the function-argument number the policy wrote.
 */
public record ArgFilter(int position, Operator op, ArgType type, FilterValues values, SourceSpan span) {}
