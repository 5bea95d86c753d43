package dev.tpc.bundle;

import dev.tpc.diag.BundleRule;
import dev.tpc.encode.MapContents;
import dev.tpc.lower.Bytes;
import dev.tpc.target.Arch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Entry point of the bundle stage's reading side: accepts a bundle only in the exact form
 * {@link BundleWriter} writes. The whole-file digest, every entry's digest, the set of entries,
 * the canonical form of every JSON entry, the size of every binary entry and the agreement of
 * maps.json with maps.bin are all checked; any deviation is a {@link BundleFormatException}
 * with a TP9xxx rule. Nothing here throws anything else for any input.
 */
public final class BundleReader {
    private BundleReader() {}

    /** Reads a bundle file (at most {@value BundleArchive#MAX_SIZE} bytes). */
    public static Bundle read(Path file, Optional<Arch> running) throws IOException, BundleFormatException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) BundleArchive.MAX_SIZE + 1);
        }
        return read(bytes, running);
    }

    /**
     * @param running when present, a bundle compiled for another architecture is refused
     *                ({@link BundleRule#WRONG_ARCHITECTURE})
     */
    public static Bundle read(byte[] file, Optional<Arch> running) throws BundleFormatException {
        try {
            return readChecked(file, running);
        } catch (RuntimeException e) {
            // a defect of the reader must still not escape as a stack trace on hostile input
            throw new BundleFormatException(BundleRule.MALFORMED_ENTRY, "the bundle cannot be read: " + e);
        }
    }

    private static Bundle readChecked(byte[] file, Optional<Arch> running) throws BundleFormatException {
        Map<String, byte[]> entries = BundleArchive.read(file);
        byte[] manifestBytes = entries.get(BundleLayout.MANIFEST);
        if (manifestBytes == null) {
            throw new BundleFormatException(BundleRule.MISSING_ENTRY, "the bundle has no " + BundleLayout.MANIFEST);
        }
        JsonNode root = CanonicalJson.parseAnyForm(manifestBytes, BundleLayout.MANIFEST);
        String format = ManifestCodec.format(root);
        if (!format.equals(BundleManifest.FORMAT)) {
            throw new BundleFormatException(BundleRule.UNKNOWN_FORMAT, "the bundle has format '" + format
                    + "'; this tpc reads " + BundleManifest.FORMAT);
        }
        CanonicalJson.requireCanonical(root, manifestBytes, BundleLayout.MANIFEST);
        BundleManifest manifest = ManifestCodec.fromJson(root);
        if (running.isPresent() && running.get() != manifest.arch()) {
            throw new BundleFormatException(BundleRule.WRONG_ARCHITECTURE, "the bundle was compiled for "
                    + manifest.arch().id() + ", not " + running.get().id());
        }
        checkEntrySet(entries, manifest);
        Set<String> allowed = new HashSet<>();
        allowed.add(BundleLayout.POLICY);
        byte[] policy = required(entries, BundleLayout.POLICY);
        JsonNode policyJson = CanonicalJson.parse(policy, BundleLayout.POLICY);
        if (!policyJson.isObject()) {
            throw JsonFields.malformed(BundleLayout.POLICY + " is not a JSON object");
        }
        List<Bundle.TargetHooks> targets = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> directories = new HashSet<>();
        for (BundleManifest.Target t : manifest.targets()) {
            if (!names.add(t.name()) || !directories.add(t.directory())
                    || !t.directory().equals(BundleLayout.targetDirectory(t.name()))) {
                throw JsonFields.malformed("manifest target " + t.name() + " has a duplicate name or a wrong directory");
            }
            List<HookBundle> hooks = new ArrayList<>();
            for (int i = 0; i < t.hooks(); i++) {
                hooks.add(hook(entries, t, i, allowed));
            }
            targets.add(new Bundle.TargetHooks(t, hooks));
        }
        for (String name : manifest.entries().keySet()) {
            if (!allowed.contains(name)) {
                throw new BundleFormatException(BundleRule.EXTRA_ENTRY, "the bundle holds " + name
                        + ", which its format does not have");
            }
        }
        return new Bundle(manifest, new String(policy, StandardCharsets.UTF_8), targets, BundleArchive.sha256Hex(file));
    }

    private static void checkEntrySet(Map<String, byte[]> entries, BundleManifest manifest) throws BundleFormatException {
        Set<String> present = new TreeSet<>(entries.keySet());
        present.remove(BundleLayout.MANIFEST);
        for (String listed : manifest.entries().keySet()) {
            if (!present.contains(listed)) {
                throw new BundleFormatException(BundleRule.MISSING_ENTRY, "the manifest lists " + listed
                        + " but the bundle does not hold it");
            }
        }
        for (String name : present) {
            if (!manifest.entries().containsKey(name)) {
                throw new BundleFormatException(BundleRule.EXTRA_ENTRY, "the bundle holds " + name
                        + ", which its manifest does not list");
            }
            String actual = BundleArchive.sha256Hex(entries.get(name));
            if (!actual.equals(manifest.entries().get(name))) {
                throw new BundleFormatException(BundleRule.ENTRY_DIGEST, name + " has SHA-256 " + actual
                        + " but the manifest records " + manifest.entries().get(name));
            }
        }
    }

    private static byte[] required(Map<String, byte[]> entries, String name) throws BundleFormatException {
        byte[] b = entries.get(name);
        if (b == null) {
            throw new BundleFormatException(BundleRule.MISSING_ENTRY, "the bundle has no " + name);
        }
        return b;
    }

    private static HookBundle hook(Map<String, byte[]> entries, BundleManifest.Target t, int i, Set<String> allowed)
            throws BundleFormatException {
        String dir = BundleLayout.hookDirectory(t.directory(), i);
        String loaderName = dir + "/" + BundleLayout.LOADER;
        LoaderConfig config = LoaderConfigCodec.fromJson(CanonicalJson.parse(required(entries, loaderName), loaderName),
                loaderName);
        if (!config.target().equals(t.name()) || config.hook() != i) {
            throw JsonFields.malformed(loaderName + " describes hook " + config.hook() + " of target " + config.target());
        }
        List<String> names = new ArrayList<>(List.of(BundleLayout.LOADER, BundleLayout.FILTER, BundleLayout.EVENT_CONFIG,
                BundleLayout.MAPS, BundleLayout.MAPS_JSON));
        if (config.returnFilter()) {
            names.add(BundleLayout.RETURN_FILTER);
        }
        names.forEach(n -> allowed.add(dir + "/" + n));
        byte[] filter = sized(entries, dir + "/" + BundleLayout.FILTER, BundleLayout.FILTER_SIZE);
        byte[] eventConfig = sized(entries, dir + "/" + BundleLayout.EVENT_CONFIG, BundleLayout.EVENT_CONFIG_SIZE);
        Optional<Bytes> returnFilter = Optional.empty();
        if (config.returnFilter()) {
            returnFilter = Optional.of(Bytes.of(sized(entries, dir + "/" + BundleLayout.RETURN_FILTER, BundleLayout.FILTER_SIZE)));
        }
        String mapsName = dir + "/" + BundleLayout.MAPS;
        List<MapContents> maps = MapsBinary.read(required(entries, mapsName), mapsName);
        String renderingName = dir + "/" + BundleLayout.MAPS_JSON;
        if (!java.util.Arrays.equals(required(entries, renderingName), CanonicalJson.bytes(MapsRendering.render(maps)))) {
            throw JsonFields.malformed(renderingName + " does not render " + mapsName);
        }
        checkShapes(config, maps, dir);
        checkRelocations(config, maps, dir);
        return new HookBundle(config, Bytes.of(filter), returnFilter, Bytes.of(eventConfig), maps);
    }

    private static byte[] sized(Map<String, byte[]> entries, String name, int size) throws BundleFormatException {
        byte[] b = required(entries, name);
        if (b.length != size) {
            throw JsonFields.malformed(name + " is " + b.length + " bytes, not " + size);
        }
        return b;
    }

    /** Every inner map of maps.bin is announced by the loader config, with its entry count, and the reverse. */
    private static void checkShapes(LoaderConfig config, List<MapContents> maps, String dir) throws BundleFormatException {
        Set<String> announced = new TreeSet<>();
        for (LoaderConfig.MapShape s : config.maps()) {
            for (LoaderConfig.InnerInstance i : s.instances()) {
                announced.add(s.side().id() + "/" + s.name() + "/" + i.index() + "/" + i.entries());
            }
        }
        Set<String> held = new TreeSet<>();
        for (MapContents m : maps) {
            if (m.innerIndex() >= 0) {
                held.add((m.side() == MapContents.Side.ENTRY ? "entry" : "return") + "/" + m.name() + "/"
                        + m.innerIndex() + "/" + m.entries().size());
            }
        }
        if (!announced.equals(held)) {
            throw JsonFields.malformed(dir + ": the inner maps of loader.json and maps.bin differ");
        }
    }

    private static void checkRelocations(LoaderConfig config, List<MapContents> maps, String dir) throws BundleFormatException {
        for (LoaderConfig.Relocation r : config.relocations()) {
            int size = switch (r.entry()) {
                case BundleLayout.FILTER -> BundleLayout.FILTER_SIZE;
                case BundleLayout.RETURN_FILTER -> config.returnFilter() ? BundleLayout.FILTER_SIZE : -1;
                case BundleLayout.EVENT_CONFIG -> BundleLayout.EVENT_CONFIG_SIZE;
                case BundleLayout.MAPS -> maps.stream().filter(m -> m.name().equals(r.map()) && m.innerIndex() < 0
                                && m.entries().stream().anyMatch(e -> e.key().equals(Bytes.of(MapsBinary.le32(r.key())))))
                        .mapToInt(MapContents::valueSize).findFirst().orElse(-1);
                default -> -1;
            };
            if (size < 0 || r.offset() < 0 || r.offset() + r.width() > size) {
                throw JsonFields.malformed(dir + "/" + BundleLayout.LOADER + ": relocation of " + r.fact().label()
                        + " points outside " + r.entry());
            }
        }
    }
}
