package dev.tpc.report;

import dev.tpc.api.CheckReport;
import dev.tpc.api.FileReport;
import dev.tpc.diag.Diagnostic;
import dev.tpc.validate.DocumentVerdict;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One JSON object per input document, one per line. A file that could not be read at all (or
 * whose YAML is broken before any document) gets one object with {@code document: null}, and so
 * does each target profile file with findings (before the inputs; {@code accepted} is empty).
 */
final class JsonReport {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonReport() {}

    static String render(CheckReport report) {
        StringBuilder out = new StringBuilder();
        Map<String, List<Diagnostic>> byProfile = new java.util.LinkedHashMap<>();
        report.targetDiagnostics().forEach(d -> byProfile.computeIfAbsent(d.span().file(), f -> new java.util.ArrayList<>()).add(d));
        byProfile.forEach((profile, diags) -> out.append(JSON.writeValueAsString(profileObject(report, profile, diags))).append('\n'));
        for (FileReport file : report.files()) {
            if (file.documents().isEmpty()) {
                out.append(JSON.writeValueAsString(object(report, file, null, file.fileDiagnostics()))).append('\n');
                continue;
            }
            boolean first = true;
            for (DocumentVerdict v : file.documents()) {
                List<Diagnostic> diags = first ? concat(file.fileDiagnostics(), v.diagnostics()) : v.diagnostics();
                first = false;
                out.append(JSON.writeValueAsString(object(report, file, v, diags))).append('\n');
            }
        }
        return out.toString();
    }

    private static List<Diagnostic> concat(List<Diagnostic> a, List<Diagnostic> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static ObjectNode object(CheckReport report, FileReport file, DocumentVerdict v, List<Diagnostic> diags) {
        ObjectNode o = JSON.createObjectNode();
        o.put("file", file.path());
        if (v == null) {
            o.putNull("document");
            o.putNull("kind");
            o.putNull("name");
        } else {
            o.put("document", v.ordinal());
            o.put("kind", v.kind());
            o.put("name", v.name());
            if (!v.policy()) {
                o.put("skipped", true);
            }
        }
        ObjectNode accepted = o.putObject("accepted");
        Map<String, Boolean> verdict = v == null ? file.accepted() : v.accepted();
        for (String t : report.targets()) {
            accepted.put(t, verdict.getOrDefault(t, false));
        }
        ArrayNode list = o.putArray("diagnostics");
        for (Diagnostic d : diags) {
            list.add(diagnostic(d));
        }
        o.put("tetragonSchemaVersion", report.tool().tetragonSchemaVersion());
        return o;
    }

    private static ObjectNode profileObject(CheckReport report, String profile, List<Diagnostic> diags) {
        ObjectNode o = JSON.createObjectNode();
        o.put("file", profile);
        o.putNull("document");
        o.putNull("kind");
        o.putNull("name");
        o.putObject("accepted");
        ArrayNode list = o.putArray("diagnostics");
        diags.forEach(d -> list.add(diagnostic(d)));
        o.put("tetragonSchemaVersion", report.tool().tetragonSchemaVersion());
        return o;
    }

    static ObjectNode diagnostic(Diagnostic d) {
        ObjectNode o = JSON.createObjectNode();
        o.put("code", d.code());
        o.put("severity", d.severity().label());
        o.put("message", d.message());
        if (d.hint() == null) {
            o.putNull("hint");
        } else {
            o.put("hint", d.hint());
        }
        o.put("file", d.span().file());
        if (d.span().hasPosition()) {
            o.put("line", d.span().line());
            o.put("column", d.span().column());
            o.put("endLine", d.span().endLine());
            o.put("endColumn", d.span().endColumn());
        } else {
            o.putNull("line");
            o.putNull("column");
            o.putNull("endLine");
            o.putNull("endColumn");
        }
        if (!d.appliesToAllTargets()) {
            ArrayNode t = o.putArray("targets");
            d.targets().forEach(t::add);
        }
        return o;
    }
}
