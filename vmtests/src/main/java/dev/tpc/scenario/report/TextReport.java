package dev.tpc.scenario.report;

import dev.tpc.scenario.result.ExpectationResult;
import dev.tpc.scenario.result.Outcome;
import dev.tpc.scenario.result.RunReport;
import dev.tpc.scenario.result.ScenarioResult;
import dev.tpc.scenario.result.SelectorCoverage;
import dev.tpc.scenario.result.StepResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The human report of one kernel's run: a table (scenario, steps, result, time), then for each
 * failure the expectation that failed next to the events that did arrive, the reasons of the
 * skips, selector coverage, and a summary line.
 */
final class TextReport {
    private static final int MAX_EVENTS_SHOWN = 10;

    private TextReport() {
    }

    static String render(RunReport run, boolean verbose) {
        StringBuilder out = new StringBuilder();
        out.append(run.scenarios().size()).append(run.scenarios().size() == 1 ? " scenario" : " scenarios")
                .append(" on ").append(run.kernel().name()).append(" (kernel ").append(run.kernel().release()).append(")\n");
        table(out, run);
        details(out, run, verbose);
        coverage(out, run);
        out.append(summary(run)).append('\n');
        return out.toString();
    }

    private static void table(StringBuilder out, RunReport run) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"SCENARIO", "STEPS", "RESULT", "TIME"});
        List<String> reasons = new ArrayList<>();
        for (ScenarioResult s : run.scenarios()) {
            String result = s.outcome().label();
            if (s.outcome() == Outcome.SKIPPED) {
                int n = reasons.indexOf(s.reason());
                if (n < 0) {
                    reasons.add(s.reason());
                    n = reasons.size() - 1;
                }
                result += " (" + (n + 1) + ")";
            }
            long passed = s.steps().stream().filter(st -> st.outcome() == Outcome.PASSED).count();
            rows.add(new String[] {s.file() + ": " + s.name(), s.steps().isEmpty() ? "-" : passed + "/" + s.steps().size(),
                    result, s.outcome() == Outcome.SKIPPED ? "" : seconds(s.time())});
        }
        int[] width = new int[4];
        for (String[] r : rows) {
            for (int i = 0; i < 4; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            out.append("  ").append(pad(r[0], width[0])).append("  ").append(padLeft(r[1], width[1])).append("  ")
                    .append(pad(r[2], width[2])).append("  ").append(padLeft(r[3], width[3])).toString();
            trimEnd(out);
            out.append('\n');
        }
        for (int i = 0; i < reasons.size(); i++) {
            out.append("  (").append(i + 1).append(") ").append(reasons.get(i)).append('\n');
        }
    }

    private static void details(StringBuilder out, RunReport run, boolean verbose) {
        for (ScenarioResult s : run.scenarios()) {
            boolean bad = s.outcome().isFailure();
            if (!bad && !verbose) {
                continue;
            }
            if (s.outcome() == Outcome.SKIPPED) {
                continue;
            }
            out.append('\n').append(s.outcome().label()).append(": ").append(s.file()).append(": ").append(s.name()).append('\n');
            if (!s.reason().isEmpty()) {
                out.append(indent(s.reason(), "  ")).append('\n');
            }
            for (StepResult st : s.steps()) {
                if (st.outcome() == Outcome.PASSED && !verbose) {
                    continue;
                }
                out.append("  step \"").append(st.name()).append("\": ").append(st.outcome().label());
                if (!st.fate().isEmpty()) {
                    out.append(", ").append(st.fate());
                }
                if (st.pid() > 0) {
                    out.append(" (pid ").append(st.pid()).append(')');
                }
                out.append('\n');
                if (!st.problem().isEmpty()) {
                    out.append(indent(st.problem(), "    ")).append('\n');
                }
                for (ExpectationResult x : st.expectations()) {
                    if (x.passed() && !verbose) {
                        continue;
                    }
                    out.append("    ").append(x.passed() ? "ok   " : "FAIL ").append(x.expected());
                    if (x.line() > 0) {
                        out.append("  (line ").append(x.line()).append(')');
                    }
                    out.append('\n');
                    if (!x.passed()) {
                        out.append("         ").append(x.actual()).append('\n');
                    }
                }
                if (st.outcome() != Outcome.PASSED || verbose) {
                    events(out, st, verbose);
                }
                if (st.outcome() != Outcome.PASSED && !st.output().isBlank()) {
                    out.append("    output of the step:\n").append(indent(st.output(), "      ")).append('\n');
                }
            }
        }
    }

    private static void events(StringBuilder out, StepResult st, boolean verbose) {
        if (st.events().isEmpty()) {
            out.append("    events of the step: none\n");
            return;
        }
        out.append("    events of the step (").append(st.events().size()).append("):\n");
        int shown = verbose ? st.events().size() : Math.min(MAX_EVENTS_SHOWN, st.events().size());
        for (int i = 0; i < shown; i++) {
            out.append("      ").append(st.events().get(i)).append('\n');
        }
        if (shown < st.events().size()) {
            out.append("      ... ").append(st.events().size() - shown).append(" more (--verbose shows all)\n");
        }
    }

    static void coverage(StringBuilder out, RunReport run) {
        List<SelectorCoverage> all = run.coverage();
        if (all.isEmpty()) {
            return;
        }
        long selectors = all.stream().mapToLong(c -> c.selectors().size()).sum();
        long covered = all.stream().mapToLong(SelectorCoverage::covered).sum();
        out.append("\nselector coverage: ").append(covered).append('/').append(selectors).append(" selectors matched at least once");
        run.selectorCoverage().ifPresent(p -> out.append(" (").append(String.format(Locale.ROOT, "%.0f", p)).append(" %)"));
        out.append('\n');
        for (SelectorCoverage c : all) {
            out.append("  ").append(c.policy()).append(' ').append(c.hook()).append(':');
            for (int i = 0; i < c.selectors().size(); i++) {
                long n = c.selectors().get(i);
                out.append(" selectors[").append(i).append("] ").append(n == 0 ? "never matched" : n + "x");
                out.append(i + 1 < c.selectors().size() ? "," : "");
            }
            if (c.selectors().isEmpty()) {
                out.append(" no selectors");
            }
            out.append("; ").append(c.noMatch()).append(" calls matched none\n");
        }
    }

    static String summary(RunReport run) {
        return "summary: " + run.count(Outcome.PASSED) + " passed, " + run.count(Outcome.FAILED) + " failed, "
                + run.count(Outcome.SKIPPED) + " skipped, " + run.count(Outcome.ERROR) + " errors in " + seconds(run.time());
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static String indent(String text, String by) {
        return by + text.strip().replace("\n", "\n" + by);
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(Math.max(0, w - s.length()));
    }

    private static String padLeft(String s, int w) {
        return " ".repeat(Math.max(0, w - s.length())) + s;
    }

    private static void trimEnd(StringBuilder sb) {
        while (sb.length() > 0 && sb.charAt(sb.length() - 1) == ' ') {
            sb.setLength(sb.length() - 1);
        }
    }
}
