package dev.tpc.report;

import dev.tpc.api.CompileReport;
import dev.tpc.api.CompiledBundle;
import java.nio.file.Path;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders a compile: the check's rendering, with the bundles. Text adds one line per bundle; JSON
 * adds a {@code bundle} member (or null) to each document's object; SARIF and JUnit describe the
 * findings only.
 */
public final class CompileReports {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CompileReports() {}

    public static String render(CompileReport report, ReportFormat format, boolean color, Path workingDirectory) {
        return switch (format) {
            case TEXT -> text(report, color, workingDirectory);
            case JSON -> json(report, workingDirectory);
            default -> format.render(report.check(), color);
        };
    }

    private static String text(CompileReport report, boolean color, Path cwd) {
        StringBuilder out = new StringBuilder(new TextReport(color).render(report.check()));
        for (CompiledBundle b : report.bundles()) {
            out.append(b.upToDate() ? "up to date " : "compiled ").append(b.source()).append(" → ")
                    .append(shown(b.file(), cwd)).append(" (").append(b.policy()).append(", sha256 ").append(b.sha256())
                    .append(")\n");
        }
        int written = (int) report.bundles().stream().filter(b -> !b.upToDate()).count();
        out.append(written).append(written == 1 ? " bundle" : " bundles").append(" written, ")
                .append(report.bundles().size() - written).append(" up to date\n");
        return out.toString();
    }

    private static String json(CompileReport report, Path cwd) {
        StringBuilder out = new StringBuilder();
        for (String line : JsonReport.render(report.check()).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            ObjectNode o = (ObjectNode) JSON.readTree(line);
            Optional<CompiledBundle> b = find(report, o);
            if (b.isPresent()) {
                ObjectNode j = o.putObject("bundle");
                j.put("file", shown(b.get().file(), cwd));
                j.put("policy", b.get().policy());
                j.put("sha256", b.get().sha256());
                j.put("upToDate", b.get().upToDate());
            } else {
                o.putNull("bundle");
            }
            out.append(JSON.writeValueAsString(o)).append('\n');
        }
        return out.toString();
    }

    private static Optional<CompiledBundle> find(CompileReport report, ObjectNode o) {
        JsonNode file = o.get("file");
        JsonNode document = o.get("document");
        if (file == null || document == null || !document.isIntegralNumber()) {
            return Optional.empty();
        }
        return report.bundles().stream()
                .filter(b -> b.source().equals(file.asString()) && b.document() == document.intValue()).findFirst();
    }

    private static String shown(Path file, Path cwd) {
        Path abs = file.toAbsolutePath().normalize();
        Path base = cwd.toAbsolutePath().normalize();
        return (abs.startsWith(base) ? base.relativize(abs) : abs).toString().replace('\\', '/');
    }
}
