package dev.tpc.scenario.report;

import dev.tpc.scenario.result.RunReport;
import java.util.List;

/**
 * Renders scenario results: one {@link RunReport} per kernel (one for {@code tpc test}, one per
 * kernel of the matrix). The only public entry of the package; renderers hold no logic of the run.
 */
public final class ScenarioReports {
    private ScenarioReports() {
    }

    public enum Format { TEXT, JSON, JUNIT }

    /**
     * @param verbose text only: every event of every step, not only those of failed expectations
     */
    public static String render(Format format, List<RunReport> runs, boolean verbose) {
        return switch (format) {
            case TEXT -> runs.size() == 1 ? TextReport.render(runs.get(0), verbose) : MatrixText.render(runs, verbose);
            case JSON -> JsonReport.render(runs);
            case JUNIT -> JunitReport.render(runs);
        };
    }
}
