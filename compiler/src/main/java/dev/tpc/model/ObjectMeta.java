package dev.tpc.model;

import dev.tpc.yaml.MappingNode;
import dev.tpc.yaml.YamlNode;
import java.util.Map;

/**
 * The part of Kubernetes object metadata that matters to a policy. Hand-written: the CRD schema
 * leaves {@code metadata} untyped, Kubernetes' ObjectMeta rules apply (checked by the schema
 * layer).
 *
 * @param node        the metadata mapping
 * @param name        the policy name
 * @param namespace   the namespace (TracingPolicyNamespaced only)
 * @param labels      object labels
 * @param annotations object annotations
 */
public record ObjectMeta(MappingNode node, String name, String namespace,
                         Map<String, String> labels, Map<String, String> annotations) implements ModelNode {
    public ObjectMeta {
        labels = Bind.immutable(labels);
        annotations = Bind.immutable(annotations);
    }

    public static ObjectMeta from(YamlNode yaml) {
        if (Bind.isAbsent(yaml)) {
            return null;
        }
        MappingNode node = Bind.mapping(yaml);
        return new ObjectMeta(node,
                Bind.string(Bind.field(node, "name")),
                Bind.string(Bind.field(node, "namespace")),
                Bind.map(Bind.field(node, "labels"), Bind::string),
                Bind.map(Bind.field(node, "annotations"), Bind::string));
    }
}
