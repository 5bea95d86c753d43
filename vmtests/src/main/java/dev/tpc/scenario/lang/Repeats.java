package dev.tpc.scenario.lang;

import dev.tpc.diag.Quoted;
import dev.tpc.diag.SourceSpan;
import dev.tpc.scenario.diag.ScenarioRule;
import java.util.Map;
import org.antlr.v4.runtime.ParserRuleContext;

/** Findings about what is written twice: a name that must be unique, a setting that may be given once. */
final class Repeats {
    private final Spans spans;
    private final Findings findings;

    Repeats(Spans spans, Findings findings) {
        this.spans = spans;
        this.findings = findings;
    }

    /** Records {@code name}; a second one is reported (TS1012). */
    void unique(Map<String, SourceSpan> seen, String name, SourceSpan span, String what, String in) {
        SourceSpan first = seen.putIfAbsent(name, span);
        if (first != null) {
            findings.add(ScenarioRule.DUPLICATE_NAME, span, "a second " + what + " named " + Quoted.doubled(name) + " in this " + in,
                    "the first is on line " + first.line());
        }
    }

    /** True when {@code first} is null; else reports {@code again} as a second setting (TS1013). */
    boolean once(ParserRuleContext first, ParserRuleContext again, String what) {
        if (first == null) {
            return true;
        }
        findings.add(ScenarioRule.DUPLICATE_SETTING, spans.of(again), what + " is given twice",
                "the first is on line " + first.getStart().getLine());
        return false;
    }
}
