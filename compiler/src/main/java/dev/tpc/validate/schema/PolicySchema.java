package dev.tpc.validate.schema;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import dev.tpc.schema.PolicySchemas;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * tpc's schema for one kind, loaded once: the networknt validator for the JSON-Schema keywords,
 * and a resolved view of the same schema ({@code $ref} expanded on demand) that the other checks
 * walk next to the YAML tree: defaults, Go integer types, CEL rules.
 */
final class PolicySchema {
    private static final List<String> VENDOR_KEYWORDS = List.of("x-kubernetes-validations", "x-kubernetes-list-type",
            "x-kubernetes-map-type", "x-kubernetes-list-map-keys", "x-kubernetes-preserve-unknown-fields",
            "x-kubernetes-int-or-string", "x-kubernetes-embedded-resource", "x-tpc-go-type", "x-tpc-java");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /**
     * Draft 2020-12 plus the vendor keywords tpc's schema carries (the CRD's x-kubernetes-* and
     * tpc's own x-tpc-*). Other checks act on them; declared here as annotations so the validator
     * neither acts on them nor logs them as unknown in every build that uses tpc.
     */
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            Dialect.builder(Dialects.getDraft202012())
                    .keywords(VENDOR_KEYWORDS.stream().map(AnnotationKeyword::new).toList())
                    .build());
    private static final JsonNode DEFS = read(PolicySchemas.DEFS);
    private static final PolicySchema CLUSTER = new PolicySchema(PolicySchemas.TRACING_POLICY);
    private static final PolicySchema NAMESPACED = new PolicySchema(PolicySchemas.TRACING_POLICY_NAMESPACED);

    private final Schema validator;
    private final JsonNode root;
    private final Map<JsonNode, JsonNode> resolved = new IdentityHashMap<>();
    private final Map<JsonNode, List<Map.Entry<String, JsonNode>>> defaults = new IdentityHashMap<>();

    private PolicySchema(String resource) {
        this.validator = REGISTRY.getSchema(SchemaLocation.of("classpath:" + resource));
        this.root = resolve(read(resource));
    }

    /** The schema for a policy kind; the cluster-scoped one for anything but TracingPolicyNamespaced. */
    static PolicySchema forKind(String kind) {
        return "TracingPolicyNamespaced".equals(kind) ? NAMESPACED : CLUSTER;
    }

    Schema validator() {
        return validator;
    }

    /** The resolved root schema. */
    JsonNode root() {
        return root;
    }

    /** The schema of property {@code name} of an object schema (or of its map values), resolved; null if none. */
    JsonNode property(JsonNode objectSchema, String name) {
        JsonNode p = objectSchema.path("properties").get(name);
        if (p == null) {
            JsonNode extra = objectSchema.get("additionalProperties");
            p = extra != null && extra.isObject() ? extra : null;
        }
        return p == null ? null : resolve(p);
    }

    /**
     * The properties of an object schema that have a default, with their resolved schemas, in
     * schema order. Computed once per schema node: the defaulter asks for every object it visits.
     */
    synchronized List<Map.Entry<String, JsonNode>> defaultedProperties(JsonNode objectSchema) {
        List<Map.Entry<String, JsonNode>> known = defaults.get(objectSchema);
        if (known == null) {
            List<Map.Entry<String, JsonNode>> found = new ArrayList<>();
            for (Map.Entry<String, JsonNode> p : objectSchema.path("properties").properties()) {
                JsonNode propertySchema = resolve(p.getValue());
                if (propertySchema.has("default")) {
                    found.add(Map.entry(p.getKey(), propertySchema));
                }
            }
            known = List.copyOf(found);
            defaults.put(objectSchema, known);
        }
        return known;
    }

    /** The schema of the items of an array schema, resolved; null if none. */
    JsonNode items(JsonNode arraySchema) {
        JsonNode items = arraySchema.get("items");
        return items == null ? null : resolve(items);
    }

    /**
     * The schema with its {@code $ref} replaced by the target's keywords (siblings win), so that
     * {@code {"$ref": ArgType, "default": "auto"}} reads as one schema with enum and default.
     */
    synchronized JsonNode resolve(JsonNode schema) {
        JsonNode done = resolved.get(schema);
        if (done != null) {
            return done;
        }
        JsonNode out = schema;
        JsonNode ref = schema.get("$ref");
        if (ref != null) {
            String text = ref.asString();
            JsonNode target = DEFS.at(text.substring(text.indexOf('#') + 1));
            if (target.isMissingNode()) {
                throw new IllegalStateException("tpc's schema has a dangling $ref " + text);
            }
            ObjectNode merged = JsonNodeFactory.instance.objectNode();
            resolve(target).properties().forEach(e -> merged.set(e.getKey(), e.getValue()));
            schema.properties().forEach(e -> {
                if (!e.getKey().equals("$ref")) {
                    // CEL rules add up: a HostSelector keeps its own rule and the LabelSelector's
                    if (e.getKey().equals("x-kubernetes-validations") && merged.has(e.getKey())) {
                        var all = JsonNodeFactory.instance.arrayNode();
                        merged.get(e.getKey()).values().forEach(all::add);
                        e.getValue().values().forEach(all::add);
                        merged.set(e.getKey(), all);
                    } else {
                        merged.set(e.getKey(), e.getValue());
                    }
                }
            });
            out = merged;
        }
        resolved.put(schema, out);
        return out;
    }

    private static JsonNode read(String resource) {
        try (InputStream in = PolicySchema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("tpc's schema resource " + resource + " is missing from the classpath");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
