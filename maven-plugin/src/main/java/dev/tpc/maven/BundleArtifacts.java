package dev.tpc.maven;

import dev.tpc.api.CompiledBundle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * How compiled bundles become attached artifacts: type {@value #TYPE}, classifier from the policy
 * name as the core spelled it in the bundle's file name ({@code <policy>.tpb}), so that
 * {@code install} and {@code deploy} publish {@code <artifactId>-<version>-<policy>.tpb}.
 */
final class BundleArtifacts {
    static final String TYPE = "tpb";
    private static final String EXTENSION = ".tpb";

    private BundleArtifacts() {}

    /** One bundle to attach. */
    record Attachment(String classifier, Path file, CompiledBundle bundle) {}

    static List<Attachment> attachments(List<CompiledBundle> bundles, Path outputDirectory) {
        List<Attachment> out = new ArrayList<>();
        for (CompiledBundle b : bundles) {
            Path file = outputDirectory.resolve(b.file()).normalize();
            out.add(new Attachment(classifier(outputDirectory, file), file, b));
        }
        return out;
    }

    /**
     * The classifier of a bundle file: its path below the output directory without the extension,
     * directories joined with '-' (a classifier cannot hold a path separator).
     */
    static String classifier(Path outputDirectory, Path bundleFile) {
        Path normalized = bundleFile.normalize();
        Path base = outputDirectory.normalize();
        Path relative = normalized.startsWith(base) && !normalized.equals(base)
                ? base.relativize(normalized) : normalized.getFileName();
        List<String> parts = new ArrayList<>();
        relative.forEach(p -> parts.add(p.toString()));
        String joined = String.join("-", parts);
        return joined.endsWith(EXTENSION) ? joined.substring(0, joined.length() - EXTENSION.length()) : joined;
    }

    /** Classifiers claimed by more than one bundle, each with the policy files involved. */
    static Map<String, List<String>> clashes(List<Attachment> attachments) {
        Map<String, List<String>> byClassifier = new LinkedHashMap<>();
        for (Attachment a : attachments) {
            byClassifier.computeIfAbsent(a.classifier(), k -> new ArrayList<>()).add(a.bundle().source());
        }
        Map<String, List<String>> clashes = new LinkedHashMap<>();
        byClassifier.forEach((classifier, sources) -> {
            if (sources.size() > 1) {
                clashes.put(classifier, List.copyOf(new TreeSet<>(sources)));
            }
        });
        return clashes;
    }
}
