package dev.tpc.report;

import dev.tpc.api.CheckReport;
import dev.tpc.diag.Diagnostic;
import dev.tpc.diag.Rule;
import dev.tpc.diag.RuleCatalog;
import dev.tpc.diag.Severity;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * SARIF 2.1.0 for code-scanning dashboards. Rule ids are the stable codes; every rule tpc knows
 * is listed with its metadata so that a dashboard can explain a finding it has not seen before.
 * Paths are relative to the working directory.
 */
final class SarifReport {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String DOCS = "docs/diagnostics.md";

    private SarifReport() {}

    static String render(CheckReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", report.tool().name());
        driver.put("version", report.tool().version());
        driver.put("semanticVersion", report.tool().version().replace("-SNAPSHOT", ""));
        driver.put("informationUri", "https://github.com/cilium/tetragon");
        driver.putObject("properties")
                .put("tetragonSchemaVersion", report.tool().tetragonSchemaVersion())
                .put("tetragonCommit", report.tool().tetragonCommit());
        ArrayNode rules = driver.putArray("rules");
        for (Rule r : RuleCatalog.all()) {
            ObjectNode o = rules.addObject();
            o.put("id", r.code());
            o.put("name", ruleName(r));
            o.putObject("shortDescription").put("text", r.summary());
            o.put("helpUri", DOCS + "#" + r.code().toLowerCase(Locale.ROOT));
            o.putObject("defaultConfiguration").put("level", level(r.severity()));
        }
        ObjectNode invocation = run.putArray("invocations").addObject();
        invocation.put("executionSuccessful", true);
        invocation.putObject("properties")
                .put("arch", report.arch().id())
                .set("targets", targets(report));
        ArrayNode results = run.putArray("results");
        report.diagnostics().sorted(Diagnostic.ORDER).forEach(d -> results.add(result(d)));
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    private static ArrayNode targets(CheckReport report) {
        ArrayNode a = JSON.createArrayNode();
        report.targets().forEach(a::add);
        return a;
    }

    private static ObjectNode result(Diagnostic d) {
        ObjectNode o = JSON.createObjectNode();
        o.put("ruleId", d.code());
        o.put("level", level(d.severity()));
        String text = d.message() + (d.hint() == null ? "" : " Hint: " + d.hint());
        o.putObject("message").put("text", text);
        ObjectNode physical = o.putArray("locations").addObject().putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", d.span().file());
        if (d.span().hasPosition()) {
            physical.putObject("region")
                    .put("startLine", d.span().line())
                    .put("startColumn", d.span().column())
                    .put("endLine", d.span().endLine())
                    .put("endColumn", d.span().endColumn());
        }
        if (!d.appliesToAllTargets()) {
            ArrayNode t = o.putObject("properties").putArray("targets");
            d.targets().forEach(t::add);
        }
        return o;
    }

    private static String ruleName(Rule r) {
        if (r instanceof Enum<?> e) {
            StringBuilder b = new StringBuilder();
            for (String part : e.name().toLowerCase(Locale.ROOT).split("_")) {
                if (!part.isEmpty()) {
                    b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
                }
            }
            return b.toString();
        }
        return r.code();
    }

    static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case NOTE -> "note";
        };
    }
}
