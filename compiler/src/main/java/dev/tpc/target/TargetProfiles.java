package dev.tpc.target;

import dev.tpc.diag.Diagnostic;
import dev.tpc.diag.InputRule;
import dev.tpc.diag.SourceSpan;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The named target profiles shipped in tpc-schema ({@code dev/tpc/schema/profiles/}), and
 * profile files given by path.
 */
public final class TargetProfiles {
    private static final String DIRECTORY = "dev/tpc/schema/profiles/";
    private static final long MAX_PROFILE_BYTES = 1 << 20;
    private static final Map<String, TargetProfile> NAMED = loadNamed();

    private TargetProfiles() {}

    /** The names of the shipped profiles, oldest kernel first. */
    public static List<String> names() {
        return List.copyOf(NAMED.keySet());
    }

    public static Optional<TargetProfile> named(String name) {
        return Optional.ofNullable(NAMED.get(name));
    }

    /** Every shipped profile, oldest kernel first: the default when no target is given. */
    public static List<TargetProfile> all() {
        return List.copyOf(NAMED.values());
    }

    /** Reads a profile file; problems come back as diagnostics naming {@code displayPath}. */
    public static ProfileLoad load(Path file, String displayPath) {
        try {
            if (Files.size(file) > MAX_PROFILE_BYTES) {
                return failed(InputRule.TOO_LARGE.at(SourceSpan.wholeFile(displayPath),
                        displayPath + " is larger than " + MAX_PROFILE_BYTES + " bytes, too large for a target profile"));
            }
            return new ProfileReader().read(Files.readAllBytes(file), displayPath, file.toString());
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return failed(InputRule.UNREADABLE.at(SourceSpan.wholeFile(displayPath), "cannot read target profile " + displayPath + ": " + why));
        }
    }

    private static ProfileLoad failed(Diagnostic d) {
        return new ProfileLoad(Optional.empty(), List.of(d));
    }

    private static Map<String, TargetProfile> loadNamed() {
        Map<String, TargetProfile> named = new LinkedHashMap<>();
        for (String name : index()) {
            String resource = DIRECTORY + name + ".yaml";
            ProfileLoad load = new ProfileReader().read(resource(resource), resource, "builtin");
            TargetProfile p = load.profile().orElseThrow(() -> new IllegalStateException(
                    "shipped profile " + resource + " is broken: " + load.diagnostics()));
            if (!p.name().equals(name) || !load.diagnostics().isEmpty()) {
                throw new IllegalStateException("shipped profile " + resource + " is not clean: " + load.diagnostics());
            }
            named.put(name, p);
        }
        return named;
    }

    private static List<String> index() {
        List<String> names = new ArrayList<>();
        for (String line : new String(resource(DIRECTORY + "index.txt"), StandardCharsets.UTF_8).split("\n")) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                names.add(t);
            }
        }
        return names;
    }

    private static byte[] resource(String path) {
        try (InputStream in = TargetProfiles.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path + " (tpc-schema is not on the class path)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
