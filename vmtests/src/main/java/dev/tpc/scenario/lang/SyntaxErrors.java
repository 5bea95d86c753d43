package dev.tpc.scenario.lang;

import dev.tpc.diag.Quoted;
import dev.tpc.scenario.diag.ScenarioRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Syntax errors in the language's own words. The first error stops the parse (recovery would
 * guess, and its guesses cascade into findings about text that is fine): it is reported at the
 * token that cannot continue, as "expected ..., found ...", with the expected tokens by friendly
 * names ({@code <string>}, {@code <syscall>}, {@code 'step'}) and a hint about what the enclosing
 * block may hold. ANTLR's own wording never reaches the user.
 */
final class SyntaxErrors extends DefaultErrorStrategy {
    /** Thrown after the first syntax error, to end the parse. */
    static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    private final Findings findings;
    private final Spans spans;

    SyntaxErrors(Findings findings, Spans spans) {
        this.findings = findings;
        this.spans = spans;
    }

    @Override
    public void reportError(Parser p, RecognitionException e) {
        IntervalSet expected = e instanceof NoViableAltException || e instanceof InputMismatchException
                ? e.getExpectedTokens() : p.getExpectedTokens();
        report(p, e.getOffendingToken() != null ? e.getOffendingToken() : p.getCurrentToken(), expected);
    }

    @Override
    protected void reportUnwantedToken(Parser p) {
        report(p, p.getCurrentToken(), p.getExpectedTokens());
    }

    @Override
    protected void reportMissingToken(Parser p) {
        report(p, p.getCurrentToken(), p.getExpectedTokens());
    }

    @Override
    public Token recoverInline(Parser p) {
        report(p, p.getCurrentToken(), p.getExpectedTokens());
        throw new Stop();
    }

    @Override
    public void recover(Parser p, RecognitionException e) {
        throw new Stop();
    }

    private void report(Parser p, Token found, IntervalSet expected) {
        if (found.getType() == TpsLexer.STRAY) {
            String c = found.getText();
            int cp = c.codePointAt(0);
            String shown = Character.isISOControl(cp) || Character.isWhitespace(cp)
                    ? String.format("U+%04X", cp) : "'" + c + "'";
            findings.add(ScenarioRule.SYNTAX, spans.of(found), "unexpected character " + shown,
                    "outside strings the language uses letters, digits, _ and the punctuation { } ( ) [ ] , . = | < > ! -"
                            + "; # starts a comment");
        } else if (found.getType() == TpsLexer.UNTERMINATED_STRING) {
            findings.add(ScenarioRule.SYNTAX, spans.of(found), "this string is not closed on its line",
                    "end it with \"; a line break inside a string is written \\n, a quote \\\"");
        } else {
            String hint = keywordHint(found, expected);
            findings.add(ScenarioRule.SYNTAX, spans.of(found),
                    "expected " + expectedText(p, expected) + ", found " + describe(found),
                    hint != null ? hint : blockHint(p.getContext()));
        }
        throw new Stop();
    }

    /** {@code 'scenario'}, {@code <string>}, ...: one name per expected token, names collapsed to one. */
    private static String expectedText(Parser p, IntervalSet expected) {
        Vocabulary v = p.getVocabulary();
        Set<String> names = new LinkedHashSet<>();
        boolean ident = expected.contains(TpsLexer.ID);
        for (int type : expected.toList()) {
            if (ident && (type == TpsLexer.ID || IDENT_KEYWORDS.contains(type))) {
                names.add(identLabel(p));
            } else if (type == Token.EOF) {
                names.add("the end of the file");
            } else if (type == TpsLexer.STRING) {
                names.add("<string>");
            } else if (type == TpsLexer.NUMBER) {
                names.add("<number>");
            } else if (type == TpsLexer.VERSION) {
                names.add("<version>");
            } else if (type > 0 && v.getLiteralName(type) != null) {
                names.add(v.getLiteralName(type));
            }
        }
        List<String> list = new ArrayList<>(names);
        list.sort(Comparator.comparingInt(SyntaxErrors::rank));
        if (list.isEmpty()) {
            return "something else";
        }
        if (list.size() == 1) {
            return list.get(0);
        }
        if (list.size() == 2) {
            return list.get(0) + " or " + list.get(1);
        }
        return "one of " + String.join(", ", list);
    }

    /** Names and literals first, then keywords, then punctuation, then the end of the file (a stable sort keeps the grammar's order within each). */
    private static int rank(String name) {
        if (name.startsWith("<") || !name.startsWith("'") && !name.startsWith("the end")) {
            return 0;
        }
        if (name.startsWith("'") && Character.isLetter(name.charAt(1))) {
            return 1;
        }
        return name.startsWith("'") ? 2 : 3;
    }

    /** What a name stands for where one is expected, from the token before it. */
    private static String identLabel(Parser p) {
        Token previous = p.getInputStream().LT(-1);
        int type = previous == null ? -1 : previous.getType();
        for (ParserRuleContext c = p.getContext(); c != null; c = c.getParent()) {
            if (c instanceof TpsParser.EventBodyContext || c instanceof TpsParser.FieldPathContext) {
                return "<field>";
            }
            if (c instanceof TpsParser.CallContext && (type == TpsLexer.CALL || type == TpsLexer.ASSIGN)) {
                return "<syscall>";
            }
        }
        return switch (type) {
            case TpsLexer.EVENT -> "<event kind>";
            case TpsLexer.KILLED -> "<signal>";
            case TpsLexer.ERRNO -> "<errno name>";
            case TpsLexer.ENV -> "<variable>";
            case TpsLexer.MODE -> "monitor or enforce";
            case TpsLexer.REQUIRES -> "<feature> or kernel";
            case TpsLexer.ARCH -> "x86_64 or arm64";
            default -> "<name>";
        };
    }

    /** {@code 'step'}, {@code the end of the file}, {@code string "x"}, {@code the name foo}. */
    private static String describe(Token t) {
        return switch (t.getType()) {
            case Token.EOF -> "the end of the file";
            case TpsLexer.STRING -> "the string " + Quoted.text(t.getText());
            case TpsLexer.NUMBER, TpsLexer.VERSION -> "the number " + Quoted.text(t.getText());
            case TpsLexer.ID -> "the name " + Quoted.text(t.getText());
            default -> "'" + Quoted.text(t.getText()) + "'";
        };
    }

    /** A misspelt keyword: a name found where keywords were expected, close to one of them. */
    private static String keywordHint(Token found, IntervalSet expected) {
        if (found.getType() != TpsLexer.ID || expected.contains(TpsLexer.ID)) {
            return null;
        }
        List<String> keywords = new ArrayList<>();
        for (int type : expected.toList()) {
            String literal = type > 0 ? TpsLexer.VOCABULARY.getLiteralName(type) : null;
            if (literal != null && Character.isLetter(literal.charAt(1))) {
                keywords.add(literal.substring(1, literal.length() - 1));
            }
        }
        return Suggest.hint(found.getText(), keywords);
    }

    /** What the block the error is in may hold. */
    private static String blockHint(ParserRuleContext ctx) {
        for (ParserRuleContext c = ctx; c != null; c = c.getParent()) {
            if (c instanceof TpsParser.FieldMatchContext || c instanceof TpsParser.EventBodyContext) {
                return "a condition is a field, an operator and a value (args[0].int_arg >= 3, process.binary endswith \"/cat\")"
                        + ", or a field and exists; the operators are == != < <= > >= startswith endswith contains matches";
            }
            if (c instanceof TpsParser.ExpectedContext || c instanceof TpsParser.ExpectationContext) {
                return "expect is followed by ok, errno NAME, returns N (after a call), exit N, killed SIGNAL, "
                        + "event KIND { ... } or no event KIND { ... }";
            }
            if (c instanceof TpsParser.CallContext || c instanceof TpsParser.ArgContext || c instanceof TpsParser.IntAtomContext) {
                return "a call is written call name(arg, ...) or call result = name(arg, ...); an argument is a number, "
                        + "constants joined by |, a string, an earlier result, self, buffer(N), bytes(...), inet(...), "
                        + "unix(...) or [\"strings\"]";
            }
            if (c instanceof TpsParser.StepContext) {
                return "a step holds run, call, expect and within";
            }
            if (c instanceof TpsParser.SetupContext || c instanceof TpsParser.SetupItemContext) {
                return "setup holds file, copy, env, user, group and workdir";
            }
            if (c instanceof TpsParser.ScenarioContext) {
                return "a scenario holds policy, mode, requires, arch, setup and step";
            }
            if (c instanceof TpsParser.FileContext) {
                return "a scenario file holds policy lines, then scenario \"name\" { ... } blocks";
            }
        }
        return null;
    }

    /** The keywords the rule {@code ident} accepts as names. */
    private static final Set<Integer> IDENT_KEYWORDS = identKeywords();

    private static Set<Integer> identKeywords() {
        Set<Integer> out = new LinkedHashSet<>();
        for (int type = 1; type <= TpsLexer.VOCABULARY.getMaxTokenType(); type++) {
            String literal = TpsLexer.VOCABULARY.getLiteralName(type);
            if (literal != null && Character.isLetter(literal.charAt(1)) && type != TpsLexer.BUFFER
                    && type != TpsLexer.BYTES && type != TpsLexer.INET && type != TpsLexer.UNIX) {
                out.add(type);
            }
        }
        return out;
    }
}
