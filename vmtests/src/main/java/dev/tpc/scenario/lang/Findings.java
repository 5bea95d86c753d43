package dev.tpc.scenario.lang;

import dev.tpc.diag.Diagnostic;
import dev.tpc.diag.Rule;
import dev.tpc.diag.Severity;
import dev.tpc.diag.SourceSpan;
import dev.tpc.scenario.diag.ScenarioRule;
import java.util.ArrayList;
import java.util.List;

/** The findings of one file, bounded: past the limit one last finding says the rest were not reported. */
final class Findings {
    private final List<Diagnostic> list = new ArrayList<>();
    private final int max;
    private boolean full;

    Findings(int max) {
        this.max = max;
    }

    void add(Rule rule, SourceSpan span, String message) {
        add(rule, span, message, null);
    }

    void add(Rule rule, SourceSpan span, String message, String hint) {
        if (full) {
            return;
        }
        if (list.size() >= max) {
            full = true;
            list.add(ScenarioRule.LIMIT.at(span, "more than " + max + " findings; the rest of the file is not checked",
                    "fix these first"));
            throw new TooMany();
        }
        list.add(rule.at(span, message, hint));
    }

    boolean hasErrors() {
        return list.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    }

    List<Diagnostic> sorted() {
        List<Diagnostic> out = new ArrayList<>(list);
        out.sort(Diagnostic.ORDER);
        return out;
    }

    /** Thrown once the limit is reached, to stop checking a file that is mostly wrong. */
    static final class TooMany extends RuntimeException {
        TooMany() {
            super(null, null, false, false);
        }
    }
}
