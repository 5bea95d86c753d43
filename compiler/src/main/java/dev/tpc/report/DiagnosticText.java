package dev.tpc.report;

import dev.tpc.diag.Diagnostic;
import dev.tpc.yaml.SourceText;

/**
 * One finding as the text report shows it (severity and code, file:line:col, the source line with
 * a caret, targets, hint), for inputs other than policies, e.g. scenario files: one caret renderer
 * for every front end of tpc.
 */
public final class DiagnosticText {
    private DiagnosticText() {}

    /**
     * @param source the lines of the file the finding points into (an empty list: the position
     *               only, without a snippet)
     * @param color  ANSI colours for a terminal
     * @return the finding's lines, each ending with a line feed, then an empty line
     */
    public static String render(Diagnostic diagnostic, SourceText source, boolean color) {
        StringBuilder out = new StringBuilder();
        new TextReport(color).renderDiagnostic(out, diagnostic, source);
        return out.toString();
    }
}
