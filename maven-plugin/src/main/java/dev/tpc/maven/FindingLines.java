package dev.tpc.maven;

import dev.tpc.api.CheckReport;
import dev.tpc.api.FileReport;
import dev.tpc.diag.Diagnostic;
import dev.tpc.diag.Severity;
import dev.tpc.diag.SourceSpan;
import dev.tpc.validate.DocumentVerdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a check's findings to the build log, one line each in the form compilers use
 * ({@code path/to/policy.yaml:12:7: error[TP0006]: message}), so that IDE consoles link them and
 * a plain {@code build.log} can be searched; then one verdict line per policy and a summary.
 *
 * <p>Paths are shown relative to the directory Maven was started in (the execution root), so
 * they can be opened from there even in a multi-module build; report files keep the core's paths,
 * relative to the module.
 */
final class FindingLines {
    private final Path basedir;
    private final Path executionRoot;

    /**
     * @param basedir       the directory the core's paths are relative to (the request's working directory)
     * @param executionRoot the directory paths in the log are shown relative to
     */
    FindingLines(Path basedir, Path executionRoot) {
        this.basedir = basedir.toAbsolutePath().normalize();
        this.executionRoot = executionRoot.toAbsolutePath().normalize();
    }

    void log(CheckReport report, BuildLog log) {
        // findings about the targets themselves (a profile file's warnings) belong to no policy file
        for (Diagnostic d : report.targetDiagnostics()) {
            emit(log, d.severity(), line(d));
        }
        for (FileReport file : report.files()) {
            List<Diagnostic> all = new ArrayList<>(file.allDiagnostics().toList());
            all.sort(Diagnostic.ORDER);
            for (Diagnostic d : all) {
                emit(log, d.severity(), line(d));
                if (d.hint() != null && !d.hint().isBlank()) {
                    emit(log, d.severity(), "  = hint: " + d.hint());
                }
            }
        }
        for (FileReport file : report.files()) {
            for (DocumentVerdict v : file.documents()) {
                if (v.policy()) {
                    log.info(verdict(file.path(), v, report.targets()));
                }
            }
        }
        log.info(summary(report));
    }

    /** {@code src/main/tetragon/p.yaml:9:5: error[TP0006]: message [targets: 5.10]}. */
    String line(Diagnostic d) {
        SourceSpan s = d.span();
        StringBuilder b = new StringBuilder(shown(s.file()));
        if (s.hasPosition()) {
            b.append(':').append(s.line()).append(':').append(s.column());
        }
        b.append(": ").append(d.severity().label()).append('[').append(d.code()).append("]: ").append(d.message());
        if (!d.appliesToAllTargets()) {
            b.append(" [targets: ").append(String.join(", ", d.targets())).append(']');
        }
        return b.toString();
    }

    /** A path from a report (relative to the base directory, '/'-separated), as shown in the log. */
    String shown(String reportPath) {
        Path absolute = basedir.resolve(Path.of(reportPath)).normalize();
        Path shown = absolute.startsWith(executionRoot) && !absolute.equals(executionRoot)
                ? executionRoot.relativize(absolute) : absolute;
        return shown.toString().replace('\\', '/');
    }

    private String verdict(String path, DocumentVerdict v, List<String> targetOrder) {
        List<String> ok = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (String target : targetOrder) {
            Boolean accepted = v.accepted().get(target);
            if (accepted != null) {
                (accepted ? ok : refused).add(target);
            }
        }
        for (Map.Entry<String, Boolean> e : v.accepted().entrySet()) {
            if (!targetOrder.contains(e.getKey())) {
                (e.getValue() ? ok : refused).add(e.getKey());
            }
        }
        String who = v.name() == null ? "document " + v.ordinal() : v.kind() + " \"" + v.name() + "\"";
        StringBuilder b = new StringBuilder(shown(path)).append(": ").append(who).append(": ");
        if (!ok.isEmpty()) {
            b.append("accepted on ").append(String.join(", ", ok));
        }
        if (!refused.isEmpty()) {
            b.append(ok.isEmpty() ? "" : "; ").append("rejected on ").append(String.join(", ", refused));
        }
        return b.toString();
    }

    static String summary(CheckReport r) {
        long policies = r.files().stream().mapToLong(f -> f.documents().stream().filter(DocumentVerdict::policy).count()).sum();
        String s = r.tool().banner() + ": checked " + count(r.files().size(), "file", "files")
                + " (" + count(policies, "policy", "policies") + ") for " + String.join(", ", r.targets())
                + " on " + r.arch().id() + ": " + counts(r);
        return r.baselined() > 0 ? s + " (" + r.baselined() + " known from the baseline)" : s;
    }

    /** "1 error, 2 warnings, 0 notes". */
    static String counts(CheckReport r) {
        return count(r.count(Severity.ERROR), "error", "errors") + ", "
                + count(r.count(Severity.WARNING), "warning", "warnings") + ", "
                + count(r.count(Severity.NOTE), "note", "notes");
    }

    static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static void emit(BuildLog log, Severity severity, String line) {
        switch (severity) {
            case ERROR -> log.error(line);
            case WARNING -> log.warn(line);
            case NOTE -> log.info(line);
        }
    }
}
