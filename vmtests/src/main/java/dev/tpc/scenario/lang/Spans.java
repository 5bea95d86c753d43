package dev.tpc.scenario.lang;

import dev.tpc.diag.SourceSpan;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Source spans of tokens and parse-tree nodes. ANTLR counts lines from 1 and columns from 0, in
 * code points (the input is a code-point stream); spans count both from 1, end column exclusive.
 * No token of the language spans lines, so a token's end is its start plus its length.
 */
final class Spans {
    private final String file;

    Spans(String file) {
        this.file = file;
    }

    SourceSpan of(Token t) {
        int column = t.getCharPositionInLine() + 1;
        int length = t.getType() == Token.EOF ? 1 : Math.max(1, t.getStopIndex() - t.getStartIndex() + 1);
        return new SourceSpan(file, t.getLine(), column, t.getLine(), column + length);
    }

    SourceSpan of(TerminalNode n) {
        return of(n.getSymbol());
    }

    /** From the first token of {@code ctx} to the end of its last (on the first line when it spans several). */
    SourceSpan of(ParserRuleContext ctx) {
        Token start = ctx.getStart();
        Token stop = ctx.getStop();
        if (stop == null || stop.getTokenIndex() < start.getTokenIndex()) {
            return of(start);
        }
        SourceSpan a = of(start);
        SourceSpan b = of(stop);
        return new SourceSpan(file, a.line(), a.column(), b.endLine(), b.endColumn());
    }

    /** The first line of {@code ctx} only: for blocks, whose findings point at their head. */
    SourceSpan head(ParserRuleContext ctx, Token last) {
        SourceSpan a = of(ctx.getStart());
        SourceSpan b = of(last);
        return new SourceSpan(file, a.line(), a.column(), b.endLine(), b.endColumn());
    }

    /** Part of a token: {@code length} code points from {@code offset} (for an escape inside a string). */
    SourceSpan inside(Token t, int offset, int length) {
        int column = t.getCharPositionInLine() + 1 + offset;
        return new SourceSpan(file, t.getLine(), column, t.getLine(), column + Math.max(1, length));
    }
}
