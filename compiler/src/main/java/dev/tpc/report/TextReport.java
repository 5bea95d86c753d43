package dev.tpc.report;

import dev.tpc.api.CheckReport;
import dev.tpc.api.FileReport;
import dev.tpc.diag.Diagnostic;
import dev.tpc.diag.Severity;
import dev.tpc.diag.SourceSpan;
import dev.tpc.validate.DocumentVerdict;
import dev.tpc.yaml.SourceText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Human output in the manner of rustc and {@code falco -V}: the finding, file:line:col, the
 * source line and a caret under the offending node, then a verdict per document.
 */
final class TextReport {
    private final boolean color;

    TextReport(boolean color) {
        this.color = color;
    }

    String render(CheckReport report) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : report.targetDiagnostics()) {
            // a profile file's text is not kept, so its findings show their position without a snippet
            renderDiagnostic(out, d, new SourceText(d.span().file(), List.of()));
        }
        for (FileReport file : report.files()) {
            List<Diagnostic> all = new ArrayList<>(file.fileDiagnostics());
            file.documents().forEach(d -> all.addAll(d.diagnostics()));
            all.sort(Diagnostic.ORDER);
            for (Diagnostic d : all) {
                renderDiagnostic(out, d, file.source());
            }
            for (DocumentVerdict v : file.documents()) {
                if (v.policy()) {
                    out.append(verdictLine(file.path(), v)).append('\n');
                }
            }
            List<String> others = file.documents().stream().filter(v -> !v.policy())
                    .map(v -> v.kind() == null ? "a document without kind" : "a " + v.kind()).distinct().toList();
            boolean policies = file.documents().stream().anyMatch(DocumentVerdict::policy);
            if (!others.isEmpty() && policies) {
                out.append(file.path()).append(": Tetragon's file loader would refuse this file as a whole: it holds ")
                        .append(String.join(", ", others)).append('\n');
            }
        }
        out.append(summary(report)).append('\n');
        return out.toString();
    }

    void renderDiagnostic(StringBuilder out, Diagnostic d, SourceText source) {
        out.append(paint(severityColor(d.severity()), d.severity().label() + "[" + d.code() + "]"))
                .append(": ").append(printable(d.message())).append('\n');
        SourceSpan s = d.span();
        if (!s.hasPosition()) {
            out.append("  --> ").append(printable(s.file())).append('\n');
        } else {
            String lineNo = Integer.toString(s.line());
            String pad = " ".repeat(lineNo.length());
            out.append(pad).append("--> ").append(printable(s.file())).append(':').append(s.line()).append(':').append(s.column()).append('\n');
            String text = source.line(s.line());
            if (!text.isEmpty() || s.line() <= source.lines().size()) {
                Snippet shown = Snippet.of(columnSafe(text), s.column(), caretWidth(s, text));
                out.append(pad).append(" |\n");
                out.append(lineNo).append(" | ").append(shown.text()).append('\n');
                out.append(pad).append(" | ").append(" ".repeat(shown.caretOffset()))
                        .append(paint(severityColor(d.severity()), "^".repeat(shown.caretWidth()))).append('\n');
            }
        }
        if (!d.appliesToAllTargets()) {
            out.append("  = targets: ").append(String.join(", ", d.targets())).append('\n');
        }
        if (d.hint() != null && !d.hint().isBlank()) {
            out.append("  = hint: ").append(printable(d.hint())).append('\n');
        }
        out.append('\n');
    }

    /**
     * The part of a source line shown under a finding: the whole line when it is short, else a
     * window around the finding with "..." where text is cut, so that a minified or generated
     * line of megabytes does not flood the terminal. Columns count code points, like the spans.
     */
    record Snippet(String text, int caretOffset, int caretWidth) {
        static final int WIDTH = 120;
        static final int BEFORE = 40;

        static Snippet of(String line, int column, int width) {
            int length = line.codePointCount(0, line.length());
            int start = Math.max(0, column - 1);
            if (length <= WIDTH) {
                return new Snippet(line, start, width);
            }
            int from = Math.max(0, Math.min(start - BEFORE, length - WIDTH));
            int to = Math.min(length, from + WIDTH);
            String prefix = from > 0 ? "..." : "";
            String cut = line.substring(line.offsetByCodePoints(0, from), line.offsetByCodePoints(0, to));
            int offset = prefix.length() + Math.min(start, to) - from;
            int visible = Math.max(1, Math.min(width, to - Math.min(start, to)));
            return new Snippet(prefix + cut + (to < length ? "..." : ""), offset, visible);
        }
    }

    private static int caretWidth(SourceSpan s, String text) {
        int end = s.endLine() == s.line() ? s.endColumn() : text.codePointCount(0, text.length()) + 1;
        return Math.max(1, end - s.column());
    }

    /** A source line as one column per character: tabs and other control characters become one visible character. */
    private static String columnSafe(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c == '\t' ? ' ' : c < 0x20 || (c >= 0x7f && c < 0xa0) ? '\ufffd' : c);
        }
        return b.toString();
    }

    /**
     * Text from the policy (values quoted in messages) with control characters escaped: a
     * double-quoted YAML string may hold ESC or NUL, which printed raw would drive the terminal.
     */
    static String printable(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7f && c < 0xa0);
            if (control && b == null) {
                b = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (b != null) {
                if (control) {
                    b.append(String.format("\\u%04x", (int) c));
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }

    private static String verdictLine(String path, DocumentVerdict v) {
        List<String> ok = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Map.Entry<String, Boolean> e : v.accepted().entrySet()) {
            (e.getValue() ? ok : refused).add(e.getKey());
        }
        ok.sort(TargetOrder.INSTANCE);
        refused.sort(TargetOrder.INSTANCE);
        String what = v.kind() == null ? "document " + v.ordinal() : v.kind();
        String who = v.name() == null ? "document " + v.ordinal() : what + " \"" + printable(v.name()) + "\"";
        StringBuilder b = new StringBuilder(printable(path)).append(": ").append(who).append(": ");
        if (refused.isEmpty()) {
            b.append("accepted on ").append(String.join(", ", ok));
        } else if (ok.isEmpty()) {
            b.append("rejected on ").append(String.join(", ", refused));
        } else {
            b.append("accepted on ").append(String.join(", ", ok)).append("; rejected on ").append(String.join(", ", refused));
        }
        return b.toString();
    }

    private String summary(CheckReport r) {
        long docs = r.files().stream().mapToLong(f -> f.documents().stream().filter(DocumentVerdict::policy).count()).sum();
        String s = r.tool().banner() + ": checked " + r.files().size() + plural(r.files().size(), " file")
                + " (" + docs + plural(docs, " policy", " policies") + ") for " + String.join(", ", r.targets())
                + " on " + r.arch().id() + ": " + r.count(Severity.ERROR) + plural(r.count(Severity.ERROR), " error")
                + ", " + r.count(Severity.WARNING) + plural(r.count(Severity.WARNING), " warning")
                + ", " + r.count(Severity.NOTE) + plural(r.count(Severity.NOTE), " note");
        if (r.baselined() > 0) {
            s += " (" + r.baselined() + " known from the baseline)";
        }
        return s;
    }

    private static String plural(long n, String one) {
        return plural(n, one, one + "s");
    }

    private static String plural(long n, String one, String many) {
        return n == 1 ? one : many;
    }

    private static String severityColor(Severity s) {
        return switch (s) {
            case ERROR -> "1;31";
            case WARNING -> "1;33";
            case NOTE -> "1;36";
        };
    }

    private String paint(String code, String text) {
        return color ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
