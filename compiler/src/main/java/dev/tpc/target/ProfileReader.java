package dev.tpc.target;

import dev.tpc.diag.Diagnostic;
import dev.tpc.diag.ProfileRule;
import dev.tpc.diag.SourceSpan;
import dev.tpc.yaml.MappingNode;
import dev.tpc.yaml.ParsedFile;
import dev.tpc.yaml.ScalarNode;
import dev.tpc.yaml.SequenceNode;
import dev.tpc.yaml.YamlDocument;
import dev.tpc.yaml.YamlNode;
import dev.tpc.yaml.YamlReader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a target profile (the format of docs/target-profiles.md) from a positioned YAML tree, so
 * that every problem in a hand-written profile is a diagnostic at its line, never an exception.
 */
public final class ProfileReader {
    public static final int FORMAT = 1;
    private static final Set<String> TOP_LEVEL = Set.of("format", "name", "description", "kernel", "arch", "features", "limits",
            "debian");
    private static final Set<Integer> STRING_BUCKET_MAXIMA = Set.of(144, 510, 4096);

    private final YamlReader yaml = new YamlReader();

    public ProfileLoad read(byte[] bytes, String displayPath, String origin) {
        ParsedFile parsed = yaml.read(bytes, displayPath);
        List<Diagnostic> found = new ArrayList<>(parsed.diagnostics());
        if (!found.isEmpty()) {
            return new ProfileLoad(Optional.empty(), found);
        }
        List<YamlDocument> docs = parsed.documents().stream().filter(d -> d.root() != null).toList();
        if (docs.size() != 1) {
            found.add(invalid(SourceSpan.wholeFile(displayPath),
                    "a profile file holds exactly one YAML document, this one holds " + docs.size()));
            return new ProfileLoad(Optional.empty(), found);
        }
        YamlNode root = docs.get(0).root();
        if (!(root instanceof MappingNode map)) {
            found.add(invalid(root.span(), "a profile is a mapping with name, kernel, arch, features and limits"));
            return new ProfileLoad(Optional.empty(), found);
        }
        return new Fields(map, found).profile(origin);
    }

    private static Diagnostic invalid(SourceSpan span, String message) {
        return ProfileRule.INVALID_PROFILE.at(span, message, "see docs/target-profiles.md for the format; `tpc probe` prints a complete profile");
    }

    /** Reads the fields of one profile mapping, collecting every problem. */
    private static final class Fields {
        private final MappingNode root;
        private final List<Diagnostic> found;

        Fields(MappingNode root, List<Diagnostic> found) {
            this.root = root;
            this.found = found;
        }

        ProfileLoad profile(String origin) {
            for (MappingNode.Entry e : root.entries()) {
                if (!TOP_LEVEL.contains(e.name())) {
                    found.add(ProfileRule.UNKNOWN_PROFILE_FIELD.at(e.key().span(), "unknown profile field '" + e.name() + "'",
                            "known fields: format, name, description, kernel, arch, features, limits, debian"));
                }
            }
            Optional<ScalarNode> format = scalar(root, "format", true);
            format.ifPresent(f -> {
                if (!(f.value() instanceof Long l && l == FORMAT)) {
                    found.add(invalid(f.span(), "profile format " + f.text() + " is not supported; this tpc reads format " + FORMAT));
                }
            });
            String name = text(root, "name", true);
            if (name != null && (name.isBlank() || name.contains(","))) {
                found.add(invalid(root.valueSpan("name"), "a profile name is not empty and has no comma"));
            }
            String description = text(root, "description", false);
            KernelVersion version = null;
            String release = null;
            Optional<MappingNode> kernel = mapping(root, "kernel", true);
            if (kernel.isPresent()) {
                String v = text(kernel.get(), "version", true);
                if (v != null) {
                    version = KernelVersion.parse(v).orElse(null);
                    if (version == null) {
                        found.add(invalid(kernel.get().valueSpan("version"), "kernel version '" + v + "' is not of the form 6.12 or 6.12.117"));
                    }
                }
                release = text(kernel.get(), "release", false);
            }
            Arch arch = null;
            String archText = text(root, "arch", true);
            if (archText != null) {
                arch = Arch.parse(archText).orElse(null);
                if (arch == null) {
                    found.add(invalid(root.valueSpan("arch"), "architecture '" + archText + "' is not x86_64 or arm64"));
                }
            }
            Map<Feature, FeatureFact> features = features();
            Integer stringMax = stringMax();
            Optional<DebianKernel> debian = debian();
            if (name == null || version == null || arch == null || stringMax == null) {
                return new ProfileLoad(Optional.empty(), found);
            }
            return new ProfileLoad(Optional.of(new TargetProfile(name, description, version, release, arch, features,
                    stringMax, origin, debian)), found);
        }

        private Map<Feature, FeatureFact> features() {
            Map<Feature, FeatureFact> facts = new EnumMap<>(Feature.class);
            Optional<MappingNode> features = mapping(root, "features", true);
            if (features.isEmpty()) {
                return facts;
            }
            for (MappingNode.Entry e : features.get().entries()) {
                Optional<Feature> feature = Feature.byKey(e.name());
                if (feature.isEmpty()) {
                    found.add(ProfileRule.UNKNOWN_PROFILE_FIELD.at(e.key().span(), "unknown feature '" + e.name() + "'",
                            "docs/target-profiles.md lists the features tpc reads"));
                    continue;
                }
                fact(e).ifPresent(f -> facts.put(feature.get(), f));
            }
            return facts;
        }

        /** A feature is {@code true}, {@code false}, {@code unknown}, or a mapping {value, basis, evidence}. */
        private Optional<FeatureFact> fact(MappingNode.Entry e) {
            if (e.value() instanceof ScalarNode s) {
                Optional<Availability> a = Availability.parse(s.value());
                if (a.isEmpty()) {
                    found.add(invalid(s.span(), "feature " + e.name() + " is true, false or unknown, not '" + s.text() + "'"));
                    return Optional.empty();
                }
                Basis basis = a.get() == Availability.UNKNOWN ? Basis.UNMEASURED : Basis.DECLARED;
                return Optional.of(new FeatureFact(a.get(), basis, ""));
            }
            if (!(e.value() instanceof MappingNode m)) {
                found.add(invalid(e.value().span(), "feature " + e.name() + " is a value or a mapping {value, basis, evidence}"));
                return Optional.empty();
            }
            for (MappingNode.Entry k : m.entries()) {
                if (!Set.of("value", "basis", "evidence").contains(k.name())) {
                    found.add(ProfileRule.UNKNOWN_PROFILE_FIELD.at(k.key().span(), "unknown field '" + k.name() + "' in feature " + e.name(),
                            "a feature has value, basis and evidence"));
                }
            }
            Optional<ScalarNode> value = scalar(m, "value", true);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            Optional<Availability> a = Availability.parse(value.get().value());
            if (a.isEmpty()) {
                found.add(invalid(value.get().span(), "feature " + e.name() + " is true, false or unknown, not '" + value.get().text() + "'"));
                return Optional.empty();
            }
            Basis basis = Basis.DECLARED;
            String basisText = text(m, "basis", false);
            if (basisText != null) {
                Optional<Basis> b = Basis.parse(basisText);
                if (b.isEmpty()) {
                    found.add(invalid(m.valueSpan("basis"), "basis '" + basisText
                            + "' is not one of probed, measured, config, corpus, version, unmeasured, declared"));
                    return Optional.empty();
                }
                basis = b.get();
            }
            if ((basis == Basis.UNMEASURED) != (a.get() == Availability.UNKNOWN)) {
                found.add(ProfileRule.UNMEASURED_FEATURE.at(m.valueSpan("basis"),
                        "feature " + e.name() + " is " + a.get().text() + " with basis " + basis.text(),
                        "an unmeasured fact is written 'value: unknown, basis: unmeasured'"));
            }
            return Optional.of(new FeatureFact(a.get(), basis, text(m, "evidence", false)));
        }

        /** The optional {@code debian} key: {suite, packages, flavour} (docs/target-profiles.md). */
        private Optional<DebianKernel> debian() {
            Optional<MappingNode> debian = mapping(root, "debian", false);
            if (debian.isEmpty()) {
                return Optional.empty();
            }
            MappingNode m = debian.get();
            for (MappingNode.Entry e : m.entries()) {
                if (!Set.of("suite", "packages", "flavour").contains(e.name())) {
                    found.add(ProfileRule.UNKNOWN_PROFILE_FIELD.at(e.key().span(), "unknown field '" + e.name() + "' in debian",
                            "debian has suite, packages and flavour"));
                }
            }
            String suite = text(m, "suite", true);
            if (suite != null && !DebianKernel.SUITE.matcher(suite).matches()) {
                found.add(invalid(m.valueSpan("suite"), "debian.suite '" + suite + "' is not a Debian suite name such as bookworm"));
                suite = null;
            }
            String flavour = text(m, "flavour", true);
            if (flavour != null && !DebianKernel.FLAVOUR.matcher(flavour).matches()) {
                found.add(invalid(m.valueSpan("flavour"), "debian.flavour '" + flavour + "' is not a kernel flavour such as amd64"));
                flavour = null;
            }
            List<String> packages = new ArrayList<>();
            Optional<YamlNode> list = m.get("packages");
            if (list.isEmpty()) {
                found.add(invalid(m.span(), "'packages' is missing"));
            } else if (!(list.get() instanceof SequenceNode seq) || seq.items().isEmpty()) {
                found.add(invalid(list.get().span(), "debian.packages is a non-empty list of package name patterns"));
            } else {
                for (YamlNode item : seq.items()) {
                    if (item instanceof ScalarNode s && !s.isNull() && DebianKernel.PACKAGE_PATTERN.matcher(s.text()).matches()) {
                        packages.add(s.text());
                    } else {
                        found.add(invalid(item.span(), "a package pattern is a Debian package name in which * stands for"
                                + " one part without a dash, e.g. linux-image-6.1.0-*-amd64-unsigned"));
                    }
                }
            }
            if (suite == null || flavour == null || packages.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new DebianKernel(suite, packages, flavour));
        }

        private Integer stringMax() {
            Optional<MappingNode> limits = mapping(root, "limits", true);
            if (limits.isEmpty()) {
                return null;
            }
            for (MappingNode.Entry e : limits.get().entries()) {
                if (!e.name().equals("string_match_max_length")) {
                    found.add(ProfileRule.UNKNOWN_PROFILE_FIELD.at(e.key().span(), "unknown limit '" + e.name() + "'",
                            "the limit tpc reads is string_match_max_length"));
                }
            }
            Optional<YamlNode> node = limits.get().get("string_match_max_length");
            if (node.isEmpty()) {
                found.add(invalid(limits.get().span(), "limits.string_match_max_length is missing"));
                return null;
            }
            YamlNode v = node.get() instanceof MappingNode m ? m.get("value").orElse(m) : node.get();
            if (v instanceof ScalarNode s && s.value() instanceof Long l && STRING_BUCKET_MAXIMA.contains(l.intValue())) {
                return l.intValue();
            }
            found.add(invalid(v.span(), "string_match_max_length is one of Tetragon's string bucket maxima 144, 510 or 4096"));
            return null;
        }

        private Optional<ScalarNode> scalar(MappingNode map, String key, boolean required) {
            Optional<YamlNode> n = map.get(key);
            if (n.isEmpty()) {
                if (required) {
                    found.add(invalid(map.span(), "'" + key + "' is missing"));
                }
                return Optional.empty();
            }
            if (n.get() instanceof ScalarNode s && !s.isNull()) {
                return Optional.of(s);
            }
            found.add(invalid(n.get().span(), "'" + key + "' is a single value, not a " + n.get().kindName()));
            return Optional.empty();
        }

        private String text(MappingNode map, String key, boolean required) {
            return scalar(map, key, required).map(ScalarNode::text).orElse(null);
        }

        private Optional<MappingNode> mapping(MappingNode map, String key, boolean required) {
            Optional<YamlNode> n = map.get(key);
            if (n.isEmpty()) {
                if (required) {
                    found.add(invalid(map.span(), "'" + key + "' is missing"));
                }
                return Optional.empty();
            }
            if (n.get() instanceof MappingNode m) {
                return Optional.of(m);
            }
            found.add(invalid(n.get().span(), "'" + key + "' is a mapping, not a " + n.get().kindName()));
            return Optional.empty();
        }
    }
}
