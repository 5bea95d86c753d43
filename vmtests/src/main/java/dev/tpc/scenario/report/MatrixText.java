package dev.tpc.scenario.report;

import dev.tpc.scenario.result.Outcome;
import dev.tpc.scenario.result.RunReport;
import dev.tpc.scenario.result.ScenarioResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text report of a kernel matrix: each kernel's own report (failures in detail), then the
 * matrix: rows scenarios, columns kernels, each cell passed / FAILED / ERROR / skipped with its
 * reason footnoted.
 */
final class MatrixText {
    private MatrixText() {
    }

    static String render(List<RunReport> runs, boolean verbose) {
        StringBuilder out = new StringBuilder();
        for (RunReport run : runs) {
            out.append(TextReport.render(run, verbose)).append('\n');
        }
        out.append(matrix(runs));
        return out.toString();
    }

    static String matrix(List<RunReport> runs) {
        Map<String, Map<String, ScenarioResult>> rows = new LinkedHashMap<>();
        for (RunReport run : runs) {
            for (ScenarioResult s : run.scenarios()) {
                rows.computeIfAbsent(s.file() + ": " + s.name(), k -> new LinkedHashMap<>()).put(run.kernel().name(), s);
            }
        }
        List<String> reasons = new ArrayList<>();
        List<String[]> table = new ArrayList<>();
        String[] head = new String[runs.size() + 1];
        head[0] = "SCENARIO";
        for (int i = 0; i < runs.size(); i++) {
            head[i + 1] = runs.get(i).kernel().name();
        }
        table.add(head);
        for (Map.Entry<String, Map<String, ScenarioResult>> row : rows.entrySet()) {
            String[] r = new String[runs.size() + 1];
            r[0] = row.getKey();
            for (int i = 0; i < runs.size(); i++) {
                ScenarioResult s = row.getValue().get(runs.get(i).kernel().name());
                r[i + 1] = s == null ? "-" : cell(s, reasons);
            }
            table.add(r);
        }
        int[] width = new int[head.length];
        for (String[] r : table) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder out = new StringBuilder("matrix:\n");
        for (String[] r : table) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < r.length; i++) {
                line.append(r[i]).append(" ".repeat(width[i] - r[i].length() + 2));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        for (int i = 0; i < reasons.size(); i++) {
            out.append("  (").append(i + 1).append(") ").append(reasons.get(i)).append('\n');
        }
        out.append("kernels: ");
        for (int i = 0; i < runs.size(); i++) {
            RunReport run = runs.get(i);
            out.append(i == 0 ? "" : "; ").append(run.kernel().name()).append(" = ").append(run.kernel().release())
                    .append(" (").append(run.accel()).append(", ").append(TextReport.seconds(run.time())).append(')');
        }
        out.append('\n');
        return out.toString();
    }

    private static String cell(ScenarioResult s, List<String> reasons) {
        if (s.outcome() == Outcome.SKIPPED) {
            int n = reasons.indexOf(s.reason());
            if (n < 0) {
                reasons.add(s.reason());
                n = reasons.size() - 1;
            }
            return "skipped (" + (n + 1) + ")";
        }
        return s.outcome() == Outcome.PASSED ? "passed" : s.outcome().label().toUpperCase(Locale.ROOT);
    }
}
