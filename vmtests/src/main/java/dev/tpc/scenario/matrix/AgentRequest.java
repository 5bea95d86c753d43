package dev.tpc.scenario.matrix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the host asks of a guest's agent, written as {@code request.json} into the exchange
 * directory: which scenarios to run (files by their host path, which the guest sees read-only),
 * the bundles compiled for this kernel (by file name in the exchange directory), the profile the
 * guest's probe must agree with, and how much slower than the host the guest runs.
 *
 * @param scenarios index, file and name of each scenario; the index names its result file
 * @param bundles   policy file (host path) → bundle file names in the exchange directory
 */
record AgentRequest(String kernel, String profile, double timeScale, long stepTimeoutMillis, List<Item> scenarios,
                    Map<String, List<String>> bundles) {
    static final String FILE = "request.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int VERSION = 1;

    AgentRequest {
        scenarios = List.copyOf(scenarios);
        bundles = Map.copyOf(bundles);
    }

    record Item(int index, String file, String shownAs, String name) {
    }

    String write() {
        ObjectNode o = JSON.createObjectNode();
        o.put("v", VERSION);
        o.put("kernel", kernel);
        o.put("profile", profile);
        o.put("timeScale", timeScale);
        o.put("stepTimeoutMillis", stepTimeoutMillis);
        ArrayNode items = o.putArray("scenarios");
        for (Item i : scenarios) {
            items.addObject().put("index", i.index()).put("file", i.file()).put("shownAs", i.shownAs()).put("name", i.name());
        }
        ObjectNode b = o.putObject("bundles");
        bundles.forEach((policy, names) -> {
            ArrayNode a = b.putArray(policy);
            names.forEach(a::add);
        });
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o);
    }

    static AgentRequest read(String text) {
        try {
            JsonNode o = JSON.readTree(text);
            if (o == null || o.path("v").asInt(-1) != VERSION) {
                throw new IllegalArgumentException("not an agent request of version " + VERSION);
            }
            List<Item> items = new ArrayList<>();
            for (JsonNode i : o.path("scenarios")) {
                items.add(new Item(i.path("index").asInt(), i.path("file").asString(), i.path("shownAs").asString(),
                        i.path("name").asString()));
            }
            Map<String, List<String>> bundles = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : o.path("bundles").properties()) {
                List<String> names = new ArrayList<>();
                e.getValue().forEach(n -> names.add(n.asString()));
                bundles.put(e.getKey(), names);
            }
            return new AgentRequest(o.path("kernel").asString(), o.path("profile").asString(), o.path("timeScale").asDouble(1),
                    o.path("stepTimeoutMillis").asLong(10_000), items, bundles);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
    }
}
