package dev.tpc.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * tpc's schema must stay structurally equal to Tetragon's CRD schema 1.8.13: after expanding
 * every {@code $ref}, the two trees must have the same keywords with the same values at every
 * path. Descriptions and titles are prose and tpc writes its own; {@code x-tpc-*} keywords are
 * tpc's annotations (Go integer types, hand-written model classes) and are not part of the CRD.
 */
class SchemaDriftTest {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @Test
    void clusterScopedKindMatchesTetragon() {
        assertNoDrift(PolicySchemas.TRACING_POLICY, "tracingpolicy-cilium.io.json");
    }

    @Test
    void namespacedKindMatchesTetragon() {
        assertNoDrift(PolicySchemas.TRACING_POLICY_NAMESPACED, "tracingpolicynamespaced-cilium.io.json");
    }

    @Test
    void comparisonReportsEveryDifferingPath() {
        // the comparison itself must be able to fail: perturb a copy and look at what it lists
        JsonNode ours = expand(PolicySchemas.TRACING_POLICY);
        ObjectNode changed = (ObjectNode) ours.deepCopy();
        ObjectNode spec = (ObjectNode) changed.get("properties").get("spec").get("properties");
        spec.remove("loader");
        ((ObjectNode) spec.get("kprobes").get("items").get("properties").get("syscall")).put("default", false);
        List<String> diffs = new ArrayList<>();
        compare(changed, ours, "", diffs);
        assertEquals(List.of(
                "/properties/spec/properties/kprobes/items/properties/syscall/default: ours false, Tetragon's true",
                "/properties/spec/properties/loader: missing in ours"), diffs);
    }

    @Test
    void everyDefinitionIsReachableFromTheRoots() {
        JsonNode defs = read(PolicySchemas.DEFS).get("$defs");
        String text = read(PolicySchemas.DEFS).toString() + read(PolicySchemas.TRACING_POLICY);
        for (String name : defs.propertyNames()) {
            assertTrue(text.contains("#/$defs/" + name + "\""), () -> "definition " + name + " is never referenced");
        }
    }

    private static void assertNoDrift(String ours, String referenceFile) {
        Path folder = ReferenceSchemas.require();
        JsonNode reference = stripProse(readFile(folder.resolve(referenceFile)));
        JsonNode expanded = expand(ours);
        List<String> diffs = new ArrayList<>();
        compare(expanded, reference, "", diffs);
        if (!diffs.isEmpty()) {
            fail(ours + " differs from Tetragon's " + referenceFile + " at " + diffs.size() + " paths:\n  "
                    + String.join("\n  ", diffs));
        }
    }

    /** The schema with every $ref replaced by its target (siblings of $ref kept). */
    static JsonNode expand(String resource) {
        JsonNode root = read(resource);
        JsonNode defs = read(PolicySchemas.DEFS);
        return expand(root, defs, 0);
    }

    private static JsonNode expand(JsonNode node, JsonNode defs, int depth) {
        if (depth > 64) {
            throw new IllegalStateException("recursive $ref in tpc's schema");
        }
        if (node.isArray()) {
            var out = JsonNodeFactory.instance.arrayNode();
            node.values().forEach(v -> out.add(expand(v, defs, depth + 1)));
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        JsonNode ref = node.get("$ref");
        if (ref != null) {
            String pointer = ref.asString().substring(ref.asString().indexOf('#') + 1);
            JsonNode target = defs.at(pointer);
            if (target.isMissingNode()) {
                throw new IllegalStateException("dangling $ref " + ref.asString());
            }
            expand(target, defs, depth + 1).properties().forEach(e -> out.set(e.getKey(), e.getValue()));
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getKey().equals("$ref") && !ignored(e.getKey())) {
                out.set(e.getKey(), expand(e.getValue(), defs, depth + 1));
            }
        }
        ignoredKeys(out).forEach(out::remove);
        return out;
    }

    private static JsonNode stripProse(JsonNode node) {
        if (node.isArray()) {
            var out = JsonNodeFactory.instance.arrayNode();
            node.values().forEach(v -> out.add(stripProse(v)));
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        node.properties().forEach(e -> out.set(e.getKey(), stripProse(e.getValue())));
        ignoredKeys(out).forEach(out::remove);
        return out;
    }

    private static List<String> ignoredKeys(ObjectNode node) {
        return node.propertyNames().stream().filter(SchemaDriftTest::ignored).toList();
    }

    private static boolean ignored(String key) {
        return key.equals("description") || key.equals("title") || key.equals("$schema") || key.startsWith("x-tpc-");
    }

    /**
     * Lists differences path by path. Under {@code properties} and similar maps the keys are
     * field names, so a missing key is a missing field; {@code required} is compared as a set.
     */
    static void compare(JsonNode ours, JsonNode theirs, String path, List<String> diffs) {
        if (ours.isObject() && theirs.isObject()) {
            TreeSet<String> keys = new TreeSet<>(ours.propertyNames());
            keys.addAll(theirs.propertyNames());
            for (String key : keys) {
                String at = path + "/" + key;
                if (!ours.has(key)) {
                    diffs.add(at + ": missing in ours");
                } else if (!theirs.has(key)) {
                    diffs.add(at + ": not in Tetragon's");
                } else if (key.equals("required") && ours.get(key).isArray() && theirs.get(key).isArray()) {
                    if (!new TreeSet<>(strings(ours.get(key))).equals(new TreeSet<>(strings(theirs.get(key))))) {
                        diffs.add(at + ": ours " + ours.get(key) + ", Tetragon's " + theirs.get(key));
                    }
                } else {
                    compare(ours.get(key), theirs.get(key), at, diffs);
                }
            }
            return;
        }
        if (ours.isArray() && theirs.isArray() && ours.size() == theirs.size()
                && ours.values().stream().anyMatch(JsonNode::isContainer)) {
            for (int i = 0; i < ours.size(); i++) {
                compare(ours.get(i), theirs.get(i), path + "/" + i, diffs);
            }
            return;
        }
        if (!ours.equals(theirs)) {
            diffs.add(path + ": ours " + ours + ", Tetragon's " + theirs);
        }
    }

    private static List<String> strings(JsonNode array) {
        return array.values().stream().map(JsonNode::asString).toList();
    }

    static JsonNode read(String resource) {
        try (InputStream in = SchemaDriftTest.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
