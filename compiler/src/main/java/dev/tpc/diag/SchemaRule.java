package dev.tpc.diag;

/**
 * Findings of the schema layer (codes TP1xxx): what Tetragon's loader rejects while decoding the
 * resource, checking its metadata and validating it against the CRD's OpenAPI schema.
 */
public enum SchemaRule implements Rule {
    UNKNOWN_FIELD("TP1001", "A field is not part of the schema; Tetragon's strict decoding rejects it."),
    REQUIRED("TP1002", "A required field is missing."),
    WRONG_TYPE("TP1003", "A value has the wrong type (e.g. a string where a boolean is expected)."),
    UNSUPPORTED_VALUE("TP1004", "A value is not one of the values the schema allows."),
    TOO_MANY_ITEMS("TP1005", "A list has more items than the schema allows."),
    BELOW_MINIMUM("TP1006", "A number is below the schema's minimum."),
    PATTERN_MISMATCH("TP1007", "A string does not match the pattern the schema requires."),
    TOO_LONG("TP1008", "A string is longer than the schema allows."),
    INTEGER_RANGE("TP1009", "An integer does not fit the Go type of its field."),
    API_VERSION("TP1010", "The apiVersion is missing or is not cilium.io/v1alpha1."),
    NAME_REQUIRED("TP1011", "metadata.name is missing or empty."),
    NAME_INVALID("TP1012", "metadata.name is not a DNS-1123 subdomain."),
    NAMESPACE_REQUIRED("TP1013", "A TracingPolicyNamespaced has no metadata.namespace."),
    NAMESPACE_INVALID("TP1014", "metadata.namespace is not a DNS-1123 label."),
    NAMESPACE_FORBIDDEN("TP1015", "A cluster-scoped TracingPolicy sets metadata.namespace."),
    METADATA_INVALID("TP1016", "A label or annotation in metadata is not valid Kubernetes metadata.");

    private final String code;
    private final String summary;

    SchemaRule(String code, String summary) {
        this.code = code;
        this.summary = summary;
    }

    @Override public String code() { return code; }
    @Override public Severity severity() { return Severity.ERROR; }
    @Override public String summary() { return summary; }
}
