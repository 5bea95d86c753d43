package dev.tpc.bundle;

import dev.tpc.abi.TemplateAbi;
import dev.tpc.encode.EncodedHook;
import dev.tpc.yaml.YamlJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Entry point of the bundle stage's writing side: one policy document, compiled for its targets,
 * becomes one {@code .tpb} file (docs/bundle-format.md). The bytes depend on the inputs only: no
 * clock, locale, host path or user name enters them, and every list has a fixed order.
 */
public final class BundleWriter {
    private BundleWriter() {}

    /** A written bundle: its bytes, their SHA-256 and its manifest. */
    public record Written(byte[] bytes, String sha256, BundleManifest manifest) {}

    /** The directory a target's hooks live in, {@code targets/<name>} with unsafe characters replaced. */
    public static String targetDirectory(String targetName) {
        return BundleLayout.targetDirectory(targetName);
    }

    public static Written write(BundleInput in) {
        TreeMap<String, byte[]> entries = new TreeMap<>();
        entries.put(BundleLayout.POLICY, CanonicalJson.bytes(YamlJson.canonical(in.defaulted())));
        List<BundleManifest.Target> targets = new ArrayList<>();
        Set<String> directories = new HashSet<>();
        for (BundleInput.Target t : in.targets()) {
            String dir = BundleLayout.targetDirectory(t.profile().name());
            if (!directories.add(dir)) {
                throw new IllegalArgumentException("targets share the bundle directory " + dir);
            }
            for (int i = 0; i < t.hooks().size(); i++) {
                BundleInput.Hook h = t.hooks().get(i);
                EncodedHook e = h.encoded();
                String hookDir = BundleLayout.hookDirectory(dir, i);
                LoaderConfig config = LoaderConfigBuilder.build(in.name(), in.mode(), in.arch(), t.profile(), i, h);
                entries.put(hookDir + "/" + BundleLayout.LOADER, CanonicalJson.bytes(LoaderConfigCodec.toJson(config)));
                entries.put(hookDir + "/" + BundleLayout.FILTER, e.filter().toArray());
                e.returnFilter().ifPresent(r -> entries.put(hookDir + "/" + BundleLayout.RETURN_FILTER, r.toArray()));
                entries.put(hookDir + "/" + BundleLayout.EVENT_CONFIG, e.eventConfig().toArray());
                entries.put(hookDir + "/" + BundleLayout.MAPS, MapsBinary.write(e.maps()));
                entries.put(hookDir + "/" + BundleLayout.MAPS_JSON, CanonicalJson.bytes(MapsRendering.render(e.maps())));
            }
            targets.add(new BundleManifest.Target(t.profile().name(), dir, t.profile().kernel().toString(),
                    TargetDigests.profile(t.profile()), t.tracepoints().map(TargetDigests::tracepoints).orElse(null),
                    t.hooks().size()));
        }
        TreeMap<String, String> digests = new TreeMap<>();
        entries.forEach((name, data) -> digests.put(name, BundleArchive.sha256Hex(data)));
        BundleInput.Tool tool = in.tool();
        BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT, tool.version(), tool.tetragonSchemaVersion(),
                tool.tetragonCommit(), TemplateAbi.ABI_VERSION, in.sourceName(), in.sourceSha256(), in.document(),
                in.kind(), in.name(), in.namespace(), in.mode().id(), in.arch(), BundleManifest.LAYOUT, targets, digests);
        entries.put(BundleLayout.MANIFEST, CanonicalJson.bytes(ManifestCodec.toJson(manifest)));
        byte[] bytes = BundleArchive.write(entries);
        return new Written(bytes, BundleArchive.sha256Hex(bytes), manifest);
    }
}
