package dev.tpc.runtime.session;

import dev.tpc.runtime.sys.NodeFacts;

/**
 * How a {@link Session} loads a plan.
 *
 * @param templates       where template objects come from
 * @param nodeFacts       where node-specific values (host namespaces) are read
 * @param mountFilesystems mount tracefs and bpffs when they are absent
 */
public record SessionOptions(TemplateSource templates, NodeFacts nodeFacts, boolean mountFilesystems) {
    public SessionOptions {
        if (templates == null) {
            throw new IllegalArgumentException("a template source is required");
        }
        nodeFacts = nodeFacts == null ? NodeFacts.host() : nodeFacts;
    }

    public static SessionOptions of(TemplateSource templates) {
        return new SessionOptions(templates, NodeFacts.host(), true);
    }
}
