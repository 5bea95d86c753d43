package dev.tpc.report;

import dev.tpc.api.CheckReport;
import java.util.Locale;
import java.util.Optional;

/** The output formats of a check. */
public enum ReportFormat {
    TEXT, JSON, SARIF, JUNIT;

    public static Optional<ReportFormat> parse(String s) {
        try {
            return Optional.of(valueOf(s.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Renders a report; {@code color} only affects text. */
    public String render(CheckReport report, boolean color) {
        return switch (this) {
            case TEXT -> new TextReport(color).render(report);
            case JSON -> JsonReport.render(report);
            case SARIF -> SarifReport.render(report);
            case JUNIT -> JunitReport.render(report);
        };
    }

    public String fileExtension() {
        return switch (this) {
            case TEXT -> "txt";
            case JSON -> "jsonl";
            case SARIF -> "sarif";
            case JUNIT -> "xml";
        };
    }
}
