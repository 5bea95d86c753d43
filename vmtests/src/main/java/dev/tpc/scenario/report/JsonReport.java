package dev.tpc.scenario.report;

import dev.tpc.api.ToolInfo;
import dev.tpc.scenario.result.ExpectationResult;
import dev.tpc.scenario.result.Outcome;
import dev.tpc.scenario.result.RunReport;
import dev.tpc.scenario.result.ScenarioResult;
import dev.tpc.scenario.result.SelectorCoverage;
import dev.tpc.scenario.result.StepResult;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Every result as one JSON document: per kernel, per scenario, per step, with the events as objects. */
final class JsonReport {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonReport() {
    }

    static String render(List<RunReport> runs) {
        ObjectNode root = JSON.createObjectNode();
        root.put("tool", ToolInfo.current().banner());
        ArrayNode kernels = root.putArray("kernels");
        for (RunReport run : runs) {
            ObjectNode k = kernels.addObject();
            k.put("kernel", run.kernel().name());
            k.put("release", run.kernel().release());
            k.put("accel", run.accel());
            k.put("seconds", run.time().toMillis() / 1000.0);
            ObjectNode counts = k.putObject("summary");
            for (Outcome o : Outcome.values()) {
                counts.put(o.label(), run.count(o));
            }
            run.selectorCoverage().ifPresent(p -> k.put("selectorCoveragePercent", p));
            coverage(k.putArray("coverage"), run.coverage());
            ArrayNode scenarios = k.putArray("scenarios");
            for (ScenarioResult s : run.scenarios()) {
                scenario(scenarios.addObject(), s);
            }
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    private static void scenario(ObjectNode o, ScenarioResult s) {
        o.put("file", s.file());
        o.put("name", s.name());
        o.put("result", s.outcome().label());
        if (!s.reason().isEmpty()) {
            o.put("reason", s.reason());
        }
        o.put("seconds", s.time().toMillis() / 1000.0);
        ArrayNode steps = o.putArray("steps");
        for (StepResult st : s.steps()) {
            ObjectNode so = steps.addObject();
            so.put("name", st.name());
            so.put("result", st.outcome().label());
            so.put("fate", st.fate());
            so.put("pid", st.pid());
            if (!st.problem().isEmpty()) {
                so.put("problem", st.problem());
            }
            so.put("seconds", st.time().toMillis() / 1000.0);
            ArrayNode xs = so.putArray("expectations");
            for (ExpectationResult x : st.expectations()) {
                ObjectNode xo = xs.addObject();
                xo.put("expected", x.expected());
                xo.put("passed", x.passed());
                if (!x.passed()) {
                    xo.put("actual", x.actual());
                }
                if (x.line() > 0) {
                    xo.put("line", x.line());
                }
            }
            ArrayNode events = so.putArray("events");
            for (String e : st.events()) {
                JsonNode n = JSON.readTree(e);
                events.add(n);
            }
            if (!st.output().isEmpty()) {
                so.put("output", st.output());
            }
        }
        coverage(o.putArray("coverage"), s.coverage());
        if (!s.leftovers().isEmpty()) {
            ArrayNode l = o.putArray("leftovers");
            s.leftovers().forEach(l::add);
        }
    }

    private static void coverage(ArrayNode out, List<SelectorCoverage> all) {
        for (SelectorCoverage c : all) {
            ObjectNode co = out.addObject();
            co.put("policy", c.policy());
            co.put("hook", c.hook());
            ArrayNode sel = co.putArray("selectors");
            c.selectors().forEach(sel::add);
            co.put("noMatch", c.noMatch());
        }
    }
}
