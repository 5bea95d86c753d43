package dev.tpc.report;

import dev.tpc.api.CheckReport;
import dev.tpc.api.FileReport;
import dev.tpc.diag.Diagnostic;
import dev.tpc.diag.Severity;
import dev.tpc.validate.DocumentVerdict;
import java.util.List;

/**
 * JUnit XML for CI dashboards: a test suite per file and a test case per policy and target, which
 * fails when Tetragon would refuse the policy on that target. Warnings go to system-out.
 */
final class JunitReport {
    private JunitReport() {}

    static String render(CheckReport report) {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        long tests = 0;
        long failures = 0;
        StringBuilder suites = new StringBuilder();
        if (!report.targetDiagnostics().isEmpty()) {
            // the profiles resolved (errors stop the run before a report exists): one passing case with the warnings
            tests++;
            suites.append("  <testsuite name=\"--target\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\">\n")
                    .append("    <testcase classname=\"--target\" name=\"target profiles\">\n")
                    .append("      <system-out>").append(esc(lines(report.targetDiagnostics()))).append("</system-out>\n")
                    .append("    </testcase>\n  </testsuite>\n");
        }
        for (FileReport file : report.files()) {
            StringBuilder cases = new StringBuilder();
            int fileTests = 0;
            int fileFailures = 0;
            if (file.documents().isEmpty()) {
                fileTests++;
                cases.append("    <testcase classname=\"").append(esc(file.path())).append("\" name=\"read\">\n");
                List<Diagnostic> errors = file.fileDiagnostics().stream().filter(d -> d.severity() == Severity.ERROR).toList();
                if (!errors.isEmpty()) {
                    fileFailures++;
                    failure(cases, errors);
                }
                cases.append("    </testcase>\n");
            }
            for (DocumentVerdict v : file.documents()) {
                if (!v.policy()) {
                    continue;
                }
                String who = v.name() == null ? "document " + v.ordinal() : v.name();
                for (String target : report.targets()) {
                    fileTests++;
                    cases.append("    <testcase classname=\"").append(esc(file.path())).append("\" name=\"")
                            .append(esc(who + " [" + target + "]")).append("\">\n");
                    List<Diagnostic> errors = errorsFor(file, v, target);
                    if (!v.accepted().getOrDefault(target, false) || !errors.isEmpty()) {
                        fileFailures++;
                        failure(cases, errors);
                    }
                    List<Diagnostic> rest = v.diagnostics().stream()
                            .filter(d -> d.severity() != Severity.ERROR && d.appliesTo(target)).toList();
                    if (!rest.isEmpty()) {
                        cases.append("      <system-out>").append(esc(lines(rest))).append("</system-out>\n");
                    }
                    cases.append("    </testcase>\n");
                }
            }
            tests += fileTests;
            failures += fileFailures;
            suites.append("  <testsuite name=\"").append(esc(file.path())).append("\" tests=\"").append(fileTests)
                    .append("\" failures=\"").append(fileFailures).append("\" errors=\"0\" skipped=\"0\">\n")
                    .append(cases).append("  </testsuite>\n");
        }
        out.append("<testsuites name=\"").append(esc(report.tool().banner())).append("\" tests=\"").append(tests)
                .append("\" failures=\"").append(failures).append("\">\n")
                .append(suites).append("</testsuites>\n");
        return out.toString();
    }

    private static List<Diagnostic> errorsFor(FileReport file, DocumentVerdict v, String target) {
        return java.util.stream.Stream.concat(file.fileDiagnostics().stream(), v.diagnostics().stream())
                .filter(d -> d.severity() == Severity.ERROR && d.appliesTo(target)).toList();
    }

    private static void failure(StringBuilder cases, List<Diagnostic> errors) {
        String first = errors.isEmpty() ? "rejected (finding suppressed)" : errors.get(0).code() + " " + errors.get(0).message();
        cases.append("      <failure type=\"").append(errors.isEmpty() ? "rejected" : esc(errors.get(0).code()))
                .append("\" message=\"").append(esc(first)).append("\">").append(esc(lines(errors))).append("</failure>\n");
    }

    private static String lines(List<Diagnostic> ds) {
        StringBuilder b = new StringBuilder();
        for (Diagnostic d : ds) {
            b.append(d.span().file());
            if (d.span().hasPosition()) {
                b.append(':').append(d.span().line()).append(':').append(d.span().column());
            }
            b.append(": ").append(d.severity().label()).append('[').append(d.code()).append("]: ").append(d.message()).append('\n');
        }
        return b.toString();
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        b.append(' ');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
