package dev.tpc.bundle;

import dev.tpc.target.Feature;
import dev.tpc.target.TargetProfile;
import dev.tpc.target.TracepointFormat;
import dev.tpc.target.TracepointTable;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The digests a manifest records per target (docs/bundle-format.md, "Target digests"): of the
 * profile's facts that can change a bundle, and of the tracepoint formats used. Descriptions,
 * evidence and the file a profile was read from are left out, so that a profile moved or
 * re-commented does not make bundles stale.
 */
public final class TargetDigests {
    private static final Map<TracepointTable, String> TABLES = Collections.synchronizedMap(new WeakHashMap<>());

    private TargetDigests() {}

    /** The canonical JSON of a profile's facts (what {@link #profile} hashes). */
    public static String profileCanonical(TargetProfile p) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("name", p.name());
        o.put("kernel", p.kernel().toString());
        o.put("release", p.release());
        o.put("arch", p.arch().id());
        ObjectNode features = o.putObject("features");
        for (Feature feature : Feature.values()) {
            features.put(feature.key(), p.has(feature).text());
        }
        o.put("stringMatchMaxLength", p.stringMatchMaxLength());
        return CanonicalJson.text(o);
    }

    public static String profile(TargetProfile p) {
        return BundleArchive.sha256Hex(profileCanonical(p).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * SHA-256 of the table's formats: a line {@code kernel<TAB>release}, then one line per event
     * sorted by {@code subsys/event}: the key, the ID and every field as
     * {@code declaration;offset;size;signed}, separated by tabs.
     */
    public static String tracepoints(TracepointTable table) {
        return TABLES.computeIfAbsent(table, TargetDigests::computeTracepoints);
    }

    private static String computeTracepoints(TracepointTable table) {
        StringBuilder sb = new StringBuilder("kernel\t").append(table.kernelRelease()).append('\n');
        List<TracepointFormat> formats = table.formats().stream().sorted(Comparator.comparing(TracepointFormat::key)).toList();
        for (TracepointFormat t : formats) {
            sb.append(t.key()).append('\t').append(t.id());
            for (TracepointFormat.Field x : t.fields()) {
                sb.append('\t').append(x.declaration()).append(';').append(x.offset()).append(';').append(x.size())
                        .append(';').append(x.signed() ? 1 : 0);
            }
            sb.append('\n');
        }
        return BundleArchive.sha256Hex(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
