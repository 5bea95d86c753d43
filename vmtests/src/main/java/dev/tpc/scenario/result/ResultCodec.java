package dev.tpc.scenario.result;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A scenario result as one line of JSON and back: how a guest hands each result to the host as
 * soon as it is known (one file per scenario in the exchange directory), so that a guest that dies
 * midway still reports what it ran. Reading is strict: a damaged record is refused, never guessed.
 */
public final class ResultCodec {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int VERSION = 1;

    private ResultCodec() {
    }

    public static String write(ScenarioResult r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("v", VERSION);
        o.put("file", r.file());
        o.put("name", r.name());
        o.put("outcome", r.outcome().name());
        o.put("reason", r.reason());
        o.put("millis", r.time().toMillis());
        ArrayNode steps = o.putArray("steps");
        for (StepResult s : r.steps()) {
            ObjectNode so = steps.addObject();
            so.put("name", s.name());
            so.put("outcome", s.outcome().name());
            so.put("fate", s.fate());
            so.put("pid", s.pid());
            ArrayNode xs = so.putArray("expectations");
            for (ExpectationResult x : s.expectations()) {
                xs.addObject().put("expected", x.expected()).put("passed", x.passed()).put("actual", x.actual())
                        .put("line", x.line());
            }
            ArrayNode ev = so.putArray("events");
            s.events().forEach(ev::add);
            so.put("output", s.output());
            so.put("problem", s.problem());
            so.put("millis", s.time().toMillis());
        }
        ArrayNode cov = o.putArray("coverage");
        for (SelectorCoverage c : r.coverage()) {
            ObjectNode co = cov.addObject().put("policy", c.policy()).put("hook", c.hook()).put("noMatch", c.noMatch());
            ArrayNode sel = co.putArray("selectors");
            c.selectors().forEach(sel::add);
        }
        ArrayNode left = o.putArray("leftovers");
        r.leftovers().forEach(left::add);
        return JSON.writeValueAsString(o);
    }

    /** @throws IllegalArgumentException when the text is not a result record of this version */
    public static ScenarioResult read(String line) {
        try {
            JsonNode o = JSON.readTree(line);
            if (o == null || !o.isObject() || o.path("v").asInt(-1) != VERSION) {
                throw new IllegalArgumentException("not a scenario result record of version " + VERSION);
            }
            List<StepResult> steps = new ArrayList<>();
            for (JsonNode s : array(o, "steps")) {
                List<ExpectationResult> xs = new ArrayList<>();
                for (JsonNode x : array(s, "expectations")) {
                    xs.add(new ExpectationResult(text(x, "expected"), x.path("passed").asBoolean(), text(x, "actual"),
                            x.path("line").asInt()));
                }
                List<String> events = new ArrayList<>();
                array(s, "events").forEach(e -> events.add(e.asString()));
                steps.add(new StepResult(text(s, "name"), outcome(s), text(s, "fate"), s.path("pid").asInt(), xs, events,
                        text(s, "output"), text(s, "problem"), Duration.ofMillis(s.path("millis").asLong())));
            }
            List<SelectorCoverage> coverage = new ArrayList<>();
            for (JsonNode c : array(o, "coverage")) {
                List<Long> sel = new ArrayList<>();
                array(c, "selectors").forEach(n -> sel.add(n.asLong()));
                coverage.add(new SelectorCoverage(text(c, "policy"), text(c, "hook"), sel, c.path("noMatch").asLong()));
            }
            List<String> leftovers = new ArrayList<>();
            array(o, "leftovers").forEach(n -> leftovers.add(n.asString()));
            return new ScenarioResult(text(o, "file"), text(o, "name"), outcome(o), text(o, "reason"), steps, coverage,
                    leftovers, Duration.ofMillis(o.path("millis").asLong()));
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
    }

    private static Outcome outcome(JsonNode o) {
        try {
            return Outcome.valueOf(text(o, "outcome"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown outcome '" + text(o, "outcome") + "'");
        }
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isString()) {
            throw new IllegalArgumentException("field '" + field + "' is missing or not a string");
        }
        return v.stringValue();
    }

    private static Iterable<JsonNode> array(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isArray()) {
            throw new IllegalArgumentException("field '" + field + "' is missing or not an array");
        }
        return v;
    }
}
