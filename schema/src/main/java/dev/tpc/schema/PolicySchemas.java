package dev.tpc.schema;

/**
 * Where tpc's own JSON Schema for TracingPolicy lives on the classpath. The schema is data: the
 * compiler validates against it and the typed model is generated from it at build time.
 */
public final class PolicySchemas {
    private PolicySchemas() {}

    /** The Tetragon CRD schema version the files are structurally equal to. */
    public static final String TETRAGON_SCHEMA_VERSION = "1.8.13";

    /** Classpath folder of the schema files. */
    public static final String FOLDER = "dev/tpc/schema/";

    /** The shared definitions, named after Tetragon's Go types. */
    public static final String DEFS = FOLDER + "policy-defs.schema.json";

    /** Root schema of the cluster-scoped kind. */
    public static final String TRACING_POLICY = FOLDER + "tracingpolicy.schema.json";

    /** Root schema of the namespaced kind (adds one object-level CEL rule). */
    public static final String TRACING_POLICY_NAMESPACED = FOLDER + "tracingpolicynamespaced.schema.json";

    /** The root schema resource for a kind, or null for any other kind. */
    public static String rootFor(String kind) {
        if ("TracingPolicy".equals(kind)) {
            return TRACING_POLICY;
        }
        if ("TracingPolicyNamespaced".equals(kind)) {
            return TRACING_POLICY_NAMESPACED;
        }
        return null;
    }
}
