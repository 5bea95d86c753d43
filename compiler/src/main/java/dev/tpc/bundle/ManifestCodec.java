package dev.tpc.bundle;

import dev.tpc.diag.BundleRule;
import dev.tpc.target.Arch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@code manifest.json} to and from JSON (docs/bundle-format.md, "manifest.json"). */
final class ManifestCodec {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String SHA256 = "[0-9a-f]{64}";

    private ManifestCodec() {}

    static ObjectNode toJson(BundleManifest m) {
        ObjectNode o = F.objectNode();
        o.put("format", m.format());
        ObjectNode tool = o.putObject("tool");
        tool.put("name", "tpc");
        tool.put("version", m.toolVersion());
        ObjectNode tetragon = o.putObject("tetragon");
        tetragon.put("schemaVersion", m.tetragonVersion());
        tetragon.put("commit", m.tetragonCommit());
        o.put("abiVersion", m.abiVersion());
        ObjectNode source = o.putObject("source");
        source.put("name", m.sourceName());
        source.put("sha256", m.sourceSha256());
        source.put("document", m.document());
        ObjectNode policy = o.putObject("policy");
        policy.put("kind", m.kind());
        policy.put("name", m.name());
        if (m.namespace() == null) {
            policy.putNull("namespace");
        } else {
            policy.put("namespace", m.namespace());
        }
        policy.put("mode", m.policyMode());
        o.put("arch", m.arch().id());
        o.put("layout", m.layout());
        ArrayNode targets = o.putArray("targets");
        for (BundleManifest.Target t : m.targets()) {
            ObjectNode j = targets.addObject();
            j.put("name", t.name());
            j.put("directory", t.directory());
            j.put("kernel", t.kernel());
            j.put("profileSha256", t.profileSha256());
            if (t.tracepointsSha256() == null) {
                j.putNull("tracepointsSha256");
            } else {
                j.put("tracepointsSha256", t.tracepointsSha256());
            }
            j.put("hooks", t.hooks());
        }
        ObjectNode entries = o.putObject("entries");
        m.entries().forEach(entries::put);
        return o;
    }

    /** The format member alone, read first so that a newer format is reported as such. */
    static String format(JsonNode root) throws BundleFormatException {
        JsonNode f = root == null || !root.isObject() ? null : root.get("format");
        if (f == null || !f.isString()) {
            throw new BundleFormatException(BundleRule.MALFORMED_ENTRY, "manifest.json has no format member");
        }
        return f.stringValue();
    }

    static BundleManifest fromJson(JsonNode root) throws BundleFormatException {
        JsonFields m = JsonFields.of(root, "manifest", "format", "tool", "tetragon", "abiVersion", "source", "policy",
                "arch", "layout", "targets", "entries");
        JsonFields tool = JsonFields.of(m.raw("tool"), "manifest.tool", "name", "version");
        if (!tool.string("name").equals("tpc")) {
            throw JsonFields.malformed("manifest.tool.name is not tpc");
        }
        JsonFields tetragon = JsonFields.of(m.raw("tetragon"), "manifest.tetragon", "schemaVersion", "commit");
        JsonFields source = JsonFields.of(m.raw("source"), "manifest.source", "name", "sha256", "document");
        JsonFields policy = JsonFields.of(m.raw("policy"), "manifest.policy", "kind", "name", "namespace", "mode");
        String archId = m.string("arch");
        Arch arch = null;
        for (Arch a : Arch.values()) {
            if (a.id().equals(archId)) {
                arch = a;
            }
        }
        if (arch == null) {
            throw JsonFields.malformed("manifest.arch '" + archId + "' is not an architecture tpc knows");
        }
        String layout = m.string("layout");
        if (!layout.equals(BundleManifest.LAYOUT)) {
            throw new BundleFormatException(BundleRule.UNKNOWN_FORMAT, "manifest.layout '" + layout
                    + "' is not one this tpc reads (" + BundleManifest.LAYOUT + ")");
        }
        String mode = policy.string("mode");
        if (!List.of("enforce", "monitor", "monitor_only").contains(mode)) {
            throw JsonFields.malformed("manifest.policy.mode '" + mode + "' is not enforce, monitor or monitor_only");
        }
        String sourceName = source.string("name");
        if (sourceName.isEmpty() || sourceName.contains("/") || sourceName.contains("\\")) {
            throw JsonFields.malformed("manifest.source.name must be a file name without directories");
        }
        List<BundleManifest.Target> targets = new ArrayList<>();
        int i = 0;
        for (JsonNode t : m.array("targets")) {
            JsonFields f = JsonFields.of(t, "manifest.targets[" + i + "]", "name", "directory", "kernel",
                    "profileSha256", "tracepointsSha256", "hooks");
            String tp = f.nullableString("tracepointsSha256");
            targets.add(new BundleManifest.Target(f.string("name"), f.string("directory"), f.string("kernel"),
                    sha(f, f.string("profileSha256")), tp == null ? null : sha(f, tp), (int) f.integer("hooks", 0, 100_000)));
            i++;
        }
        if (targets.isEmpty()) {
            throw JsonFields.malformed("manifest.targets is empty");
        }
        Map<String, String> entries = new TreeMap<>();
        JsonNode e = m.raw("entries");
        if (!e.isObject()) {
            throw JsonFields.malformed("manifest.entries is not an object");
        }
        for (Map.Entry<String, JsonNode> x : e.properties()) {
            if (!x.getValue().isString() || !x.getValue().stringValue().matches(SHA256)) {
                throw JsonFields.malformed("manifest.entries." + x.getKey() + " is not a SHA-256 in lower-case hex");
            }
            entries.put(x.getKey(), x.getValue().stringValue());
        }
        return new BundleManifest(m.string("format"), tool.string("version"), tetragon.string("schemaVersion"),
                tetragon.string("commit"), (int) m.integer("abiVersion", 0, Integer.MAX_VALUE), sourceName,
                sha(source, source.string("sha256")), (int) source.integer("document", 1, Integer.MAX_VALUE),
                policy.string("kind"), policy.string("name"), policy.nullableString("namespace"), mode, arch, layout,
                targets, entries);
    }

    private static String sha(JsonFields where, String value) throws BundleFormatException {
        if (!value.matches(SHA256)) {
            throw JsonFields.malformed(where.where() + " holds '" + value + "', not a SHA-256 in lower-case hex");
        }
        return value;
    }
}
