package dev.tpc.validate.schema;

import dev.tpc.diag.Diagnostic;
import dev.tpc.diag.Quoted;
import dev.tpc.diag.SchemaRule;
import dev.tpc.yaml.MappingNode;
import dev.tpc.yaml.ScalarNode;
import dev.tpc.yaml.YamlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What Tetragon checks outside the CRD's OpenAPI schema: the top-level fields of the typed
 * resource (strict decoding), the apiVersion, and Kubernetes' ObjectMeta rules (name, namespace
 * by scope, labels, annotations). Metadata values are decoded into Go strings, so a scalar of
 * another type is taken as its text, as Tetragon's decoder does.
 */
final class MetadataCheck {
    static final String API_VERSION = "cilium.io/v1alpha1";
    private static final Set<String> TOP_LEVEL = Set.of("apiVersion", "kind", "metadata", "spec");
    private static final Set<String> OBJECT_META = Set.of("name", "generateName", "namespace", "selfLink", "uid",
            "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
            "labels", "annotations", "ownerReferences", "finalizers", "managedFields");
    private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");

    private MetadataCheck() {}

    static List<Diagnostic> check(MappingNode root, String kind) {
        List<Diagnostic> out = new ArrayList<>();
        for (MappingNode.Entry e : root.entries()) {
            if (!TOP_LEVEL.contains(e.name())) {
                out.add(SchemaRule.UNKNOWN_FIELD.at(e.key().span(), "unknown field " + Quoted.doubled(e.name()),
                        "a TracingPolicy has only apiVersion, kind, metadata and spec at the top level"));
            }
        }
        // a kind of the wrong type (a list, a mapping) is reported by the type check, not as missing
        boolean kindWritten = root.get("kind").filter(k -> !(k instanceof ScalarNode s && s.isNull())).isPresent();
        if (kind == null && !kindWritten) {
            out.add(SchemaRule.REQUIRED.at(root.span(), "kind: Required value",
                    "add kind: TracingPolicy (or TracingPolicyNamespaced)"));
        }
        YamlNode apiVersion = root.get("apiVersion").orElse(null);
        String version = text(apiVersion);
        if (apiVersion == null) {
            out.add(SchemaRule.API_VERSION.at(root.span(), "apiVersion: Required value",
                    "add apiVersion: " + API_VERSION + "; Tetragon's loader ignores it, the Kubernetes API server does not"));
        } else if (!API_VERSION.equals(version)) {
            out.add(SchemaRule.API_VERSION.at(apiVersion.span(),
                    "apiVersion: Unsupported value: " + JsonSchemaCheck.shown(apiVersion) + ": must be " + API_VERSION,
                    "TracingPolicy resources belong to " + API_VERSION + "; the Kubernetes API server refuses any other"));
        }
        YamlNode metadata = root.get("metadata").orElse(null);
        if (metadata instanceof MappingNode meta) {
            checkMeta(meta, root.keySpan("metadata"), "TracingPolicyNamespaced".equals(kind), out);
        }
        return out;
    }

    private static void checkMeta(MappingNode meta, dev.tpc.diag.SourceSpan metaKey, boolean namespaced, List<Diagnostic> out) {
        for (MappingNode.Entry e : meta.entries()) {
            if (!OBJECT_META.contains(e.name())) {
                out.add(SchemaRule.UNKNOWN_FIELD.at(e.key().span(), "metadata: unknown field " + Quoted.doubled(e.name()),
                        "Kubernetes object metadata has no such field"));
            }
        }
        String name = stringField(meta, "name", out);
        if (name == null || name.isEmpty()) {
            out.add(SchemaRule.NAME_REQUIRED.at(meta.entry("name").map(e -> e.key().span()).orElse(metaKey),
                    "metadata.name: Required value: name or generateName is required",
                    "give the policy a name: lower-case letters, digits, '-' and '.'"));
        } else if (name.length() > 253 || !DNS1123_SUBDOMAIN.matcher(name).matches()) {
            out.add(SchemaRule.NAME_INVALID.at(meta.valueSpan("name"),
                    "metadata.name: Invalid value: " + Quoted.doubled(name) + ": must be a lower-case RFC 1123 subdomain",
                    "use at most 253 lower-case letters, digits, '-' and '.', starting and ending with a letter or digit"
                            + suggestName(name)));
        }
        String namespace = stringField(meta, "namespace", out);
        boolean hasNamespace = namespace != null && !namespace.isEmpty();
        if (namespaced && !hasNamespace) {
            out.add(SchemaRule.NAMESPACE_REQUIRED.at(meta.entry("namespace").map(e -> e.key().span()).orElse(metaKey),
                    "metadata.namespace: Required value",
                    "a TracingPolicyNamespaced applies to one namespace; add metadata.namespace"));
        } else if (namespaced && (namespace.length() > 63 || !DNS1123_LABEL.matcher(namespace).matches())) {
            out.add(SchemaRule.NAMESPACE_INVALID.at(meta.valueSpan("namespace"),
                    "metadata.namespace: Invalid value: " + Quoted.doubled(namespace) + ": must be a lower-case RFC 1123 label",
                    "use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit"));
        } else if (!namespaced && hasNamespace) {
            out.add(SchemaRule.NAMESPACE_FORBIDDEN.at(meta.keySpan("namespace"),
                    "metadata.namespace: Forbidden: not allowed on this type",
                    "a TracingPolicy is cluster-wide; remove the namespace or use kind: TracingPolicyNamespaced"));
        }
        stringField(meta, "generateName", out);
        checkStringMap(meta, "labels", true, out);
        checkStringMap(meta, "annotations", false, out);
    }

    /** The text of a string field of the metadata; reports a collection where a string belongs. */
    private static String stringField(MappingNode meta, String field, List<Diagnostic> out) {
        YamlNode value = meta.get(field).orElse(null);
        if (value == null || (value instanceof ScalarNode s && s.isNull())) {
            return null;
        }
        if (!(value instanceof ScalarNode)) {
            out.add(SchemaRule.WRONG_TYPE.at(value.span(),
                    "metadata." + field + ": Invalid value: " + JsonSchemaCheck.shown(value) + ": must be of type string, not "
                            + JsonSchemaCheck.kindOf(value)));
            return null;
        }
        return text(value);
    }

    private static void checkStringMap(MappingNode meta, String field, boolean labels, List<Diagnostic> out) {
        YamlNode value = meta.get(field).orElse(null);
        if (value == null || (value instanceof ScalarNode s && s.isNull())) {
            return;
        }
        if (!(value instanceof MappingNode map)) {
            out.add(SchemaRule.WRONG_TYPE.at(value.span(), "metadata." + field + ": Invalid value: "
                    + JsonSchemaCheck.shown(value) + ": must be of type object, not " + JsonSchemaCheck.kindOf(value)));
            return;
        }
        for (MappingNode.Entry e : map.entries()) {
            String key = e.name();
            String problem = qualifiedNameProblem(key);
            if (problem != null) {
                out.add(SchemaRule.METADATA_INVALID.at(e.key().span(),
                        "metadata." + field + ": Invalid value: " + Quoted.doubled(key) + ": " + problem));
            }
            if (!(e.value() instanceof ScalarNode)) {
                out.add(SchemaRule.WRONG_TYPE.at(e.value().span(), "metadata." + field + "[" + Quoted.text(key) + "]: Invalid value: "
                        + JsonSchemaCheck.shown(e.value()) + ": must be of type string, not " + JsonSchemaCheck.kindOf(e.value())));
            } else if (labels) {
                String v = text(e.value());
                if (v != null && !v.isEmpty() && (v.length() > 63 || !QUALIFIED_NAME.matcher(v).matches())) {
                    out.add(SchemaRule.METADATA_INVALID.at(e.value().span(), "metadata.labels[" + Quoted.text(key)
                            + "]: Invalid value: " + Quoted.doubled(v) + ": a label value must be empty or at most 63 letters, digits, '-', '_' or '.', "
                            + "starting and ending with a letter or digit"));
                }
            }
        }
    }

    /** Kubernetes' qualified-name rule for label and annotation keys: [prefix/]name. */
    private static String qualifiedNameProblem(String key) {
        String name = key;
        int slash = key.indexOf('/');
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            name = key.substring(slash + 1);
            if (prefix.isEmpty() || prefix.length() > 253 || !DNS1123_SUBDOMAIN.matcher(prefix).matches()) {
                return "the prefix before '/' must be a lower-case DNS subdomain";
            }
        }
        if (name.isEmpty() || name.length() > 63 || !QUALIFIED_NAME.matcher(name).matches()) {
            return "a key name must be at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
        }
        return null;
    }

    private static String suggestName(String name) {
        String fixed = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.-]", "-")
                .replaceAll("^[^a-z0-9]+", "").replaceAll("[^a-z0-9]+$", "");
        // a name longer than Kubernetes allows has no valid spelling to suggest
        return fixed.isEmpty() || fixed.length() > 253 || !DNS1123_SUBDOMAIN.matcher(fixed).matches() ? "" : " (e.g. \"" + fixed + "\")";
    }

    /** The scalar's text as a Go string field receives it (numbers and booleans become their text). */
    private static String text(YamlNode node) {
        if (node instanceof ScalarNode s && !s.isNull()) {
            return s.isString() ? (String) s.value() : s.keyText();
        }
        return null;
    }
}
