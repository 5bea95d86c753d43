package dev.tpc.scenario.lang;

import dev.tpc.diag.Quoted;
import dev.tpc.diag.SourceSpan;
import dev.tpc.scenario.diag.ScenarioRule;
import dev.tpc.scenario.model.FieldMatch;
import dev.tpc.scenario.model.FieldMatch.Op;
import dev.tpc.scenario.model.FieldMatch.PathElement;
import dev.tpc.scenario.model.FieldMatch.Value;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * The conditions of an event expectation: each field path is walked through what the event kind's
 * JSON holds ({@link EventFields}), and the operator and value must fit the field it ends at.
 */
final class Conditions {
    private static final int MAX_INDEX = 1024;

    private final Spans spans;
    private final Findings findings;
    private final Literals literals;
    private final Set<String> actions = EventFields.actionNames();
    private final Set<String> signals = EventFields.signalNames();

    Conditions(Spans spans, Findings findings, Literals literals) {
        this.spans = spans;
        this.findings = findings;
        this.literals = literals;
    }

    /** One condition on an event of {@code kind}; null when it is wrong (and reported). */
    FieldMatch condition(String kind, EventFields.Obj root, TpsParser.FieldMatchContext ctx) {
        TpsParser.FieldPathContext pathCtx = ctx.fieldPath();
        String path = pathCtx.getText();
        List<PathElement> elements = new ArrayList<>();
        EventFields.Node node = root;
        String at = kind;
        for (int i = 0; i < pathCtx.getChildCount(); i++) {
            ParseTree child = pathCtx.getChild(i);
            if (child instanceof TpsParser.IdentContext id) {
                String name = id.getText();
                if (!(node instanceof EventFields.Obj o)) {
                    findings.add(ScenarioRule.UNKNOWN_FIELD, spans.of(id), at + " " + shape(node) + "; it has no field " + name,
                            node instanceof EventFields.Arr ? "pick an element first: " + at + "[0]" : null);
                    return null;
                }
                EventFields.Node next = o.members().get(name);
                if (next == null) {
                    String hint = Suggest.hintOr(name, o.members().keySet(),
                            (at.equals(kind) ? kind : at + " (" + o.what() + ")") + " has " + String.join(", ", o.members().keySet()));
                    findings.add(ScenarioRule.UNKNOWN_FIELD, spans.of(id), (at.equals(kind) ? "an event of kind " + kind : at)
                            + " has no field " + Quoted.doubled(name), hint);
                    return null;
                }
                elements.add(new PathElement.Member(name));
                node = next;
                at = at.equals(kind) ? name : at + "." + name;
            } else if (child instanceof TerminalNode t && t.getSymbol().getType() == TpsLexer.NUMBER) {
                if (!(node instanceof EventFields.Arr a)) {
                    findings.add(ScenarioRule.UNKNOWN_FIELD, spans.of(t), at + " " + shape(node) + ", not a list: it has no ["
                            + t.getText() + "]");
                    return null;
                }
                Long index = index(t);
                if (index == null) {
                    return null;
                }
                elements.add(new PathElement.Index(index.intValue()));
                node = a.element();
                at = at + "[" + index + "]";
            }
        }
        return opAndValue(ctx, path, elements, node);
    }

    private Long index(TerminalNode t) {
        BigInteger v = literals.number(t.getSymbol());
        if (v == null) {
            return null;
        }
        if (v.signum() < 0 || v.compareTo(BigInteger.valueOf(MAX_INDEX)) > 0) {
            findings.add(ScenarioRule.BAD_NUMBER, spans.of(t), "an index must be from 0 to " + MAX_INDEX + ", not " + t.getText());
            return null;
        }
        return v.longValue();
    }

    private FieldMatch opAndValue(TpsParser.FieldMatchContext ctx, String path, List<PathElement> elements, EventFields.Node node) {
        SourceSpan span = spans.of(ctx);
        if (ctx.EXISTS() != null) {
            return new FieldMatch(path, elements, Op.EXISTS, new Value.None(), span);
        }
        if (!(node instanceof EventFields.Leaf leaf)) {
            String hint = node instanceof EventFields.Obj o
                    ? "compare one of its fields (" + String.join(", ", o.members().keySet()) + "), or write " + path + " exists"
                    : "compare one element, e.g. " + path + "[0], or write " + path + " exists";
            findings.add(ScenarioRule.COMPARISON, spans.of(ctx.fieldPath()), path + " " + shape(node) + "; only text and numbers are compared",
                    hint);
            return null;
        }
        if (ctx.textOp() != null) {
            Op op = switch (ctx.textOp().getStart().getType()) {
                case TpsLexer.STARTSWITH -> Op.PREFIX;
                case TpsLexer.ENDSWITH -> Op.SUFFIX;
                case TpsLexer.CONTAINS -> Op.CONTAINS;
                default -> Op.MATCHES;
            };
            String text = literals.text(ctx.STRING().getSymbol());
            if (text == null) {
                return null;
            }
            if (leaf.number()) {
                findings.add(ScenarioRule.COMPARISON, spans.of(ctx.textOp()), path + " holds a number; " + op.symbol()
                        + " compares text", "compare numbers with == != < <= > >=");
                return null;
            }
            if (op == Op.MATCHES && !regex(ctx, text)) {
                return null;
            }
            return new FieldMatch(path, elements, op, new Value.Text(text), span);
        }
        Op op = switch (ctx.compareOp().getStart().getType()) {
            case TpsLexer.EQ -> Op.EQ;
            case TpsLexer.NE -> Op.NE;
            case TpsLexer.LT -> Op.LT;
            case TpsLexer.LE -> Op.LE;
            case TpsLexer.GT -> Op.GT;
            default -> Op.GE;
        };
        Value value = value(ctx.value());
        if (value == null) {
            return null;
        }
        boolean ordered = op != Op.EQ && op != Op.NE;
        SourceSpan valueSpan = spans.of(ctx.value());
        if (value instanceof Value.Bool) {
            findings.add(ScenarioRule.COMPARISON, valueSpan, path + " holds " + (leaf.number() ? "a number" : "text")
                    + ", never true or false", leaf.number() ? "compare it with a number" : "compare it with a string");
            return null;
        }
        if (leaf.number() && value instanceof Value.Text) {
            findings.add(ScenarioRule.COMPARISON, valueSpan, path + " holds a number, not text",
                    "write the number without quotes");
            return null;
        }
        if (!leaf.number() && value instanceof Value.Number) {
            findings.add(ScenarioRule.COMPARISON, valueSpan, path + " holds text, not a number",
                    "quote it: " + path + " " + op.symbol() + " \"" + ctx.value().getText() + "\"");
            return null;
        }
        if (ordered && !leaf.number()) {
            findings.add(ScenarioRule.COMPARISON, spans.of(ctx.compareOp()), op.symbol() + " compares numbers; " + path + " holds text",
                    "compare text with == != startswith endswith contains matches");
            return null;
        }
        if (value instanceof Value.Text t && !impossible(ctx, elements, t.value())) {
            return null;
        }
        return new FieldMatch(path, elements, op, value, span);
    }

    /** False (and reported) when the field never holds this text: an action or a signal name tpc does not print. */
    private boolean impossible(TpsParser.FieldMatchContext ctx, List<PathElement> elements, String text) {
        if (elements.size() != 1 || !(elements.get(0) instanceof PathElement.Member m)) {
            return true;
        }
        Set<String> known = EventFields.ACTION_FIELDS.contains(m.name()) ? actions
                : m.name().equals("signal") ? signals : null;
        if (known == null || known.contains(text)) {
            return true;
        }
        String what = known == actions ? "an action name" : "a signal name";
        findings.add(ScenarioRule.IMPOSSIBLE_VALUE, spans.of(ctx.value()), Quoted.doubled(text) + " is not " + what + " tpc prints in "
                + m.name(), Suggest.hintOr(text, known, "the names are " + Suggest.some(known)));
        return false;
    }

    private boolean regex(TpsParser.FieldMatchContext ctx, String pattern) {
        try {
            Pattern.compile(pattern);
            return true;
        } catch (PatternSyntaxException e) {
            String where = e.getIndex() >= 0 ? " at character " + (e.getIndex() + 1) : "";
            findings.add(ScenarioRule.BAD_REGEX, spans.of(ctx.STRING()), "not a regular expression: " + e.getDescription() + where,
                    "matches takes a Java regular expression that must match the whole text; escape a literal . as \\\\.");
            return false;
        } catch (StackOverflowError e) {
            findings.add(ScenarioRule.BAD_REGEX, spans.of(ctx.STRING()), "this regular expression is nested too deeply");
            return false;
        }
    }

    private Value value(TpsParser.ValueContext v) {
        if (v.STRING() != null) {
            String t = literals.text(v.STRING().getSymbol());
            return t == null ? null : new Value.Text(t);
        }
        if (v.TRUE() != null || v.FALSE() != null) {
            return new Value.Bool(v.TRUE() != null);
        }
        BigInteger n = literals.integer(v.integer());
        if (n == null) {
            return null;
        }
        if (n.bitLength() > 63) {
            findings.add(ScenarioRule.BAD_NUMBER, spans.of(v), v.getText() + " is beyond the 64-bit signed range a condition compares");
            return null;
        }
        return new Value.Number(n.longValue());
    }

    private static String shape(EventFields.Node n) {
        if (n instanceof EventFields.Obj o) {
            return "is " + o.what();
        }
        if (n instanceof EventFields.Arr) {
            return "is a list";
        }
        return ((EventFields.Leaf) n).number() ? "is a number" : "is text";
    }
}
