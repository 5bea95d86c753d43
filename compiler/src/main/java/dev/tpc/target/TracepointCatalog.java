package dev.tpc.target;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Tracepoint formats per target profile. The built-in catalog reads the tables the project ships
 * in {@code schema/} ({@value #RESOURCE_DIR}): {@value #INDEX} maps each profile name to a table
 * file in the compact form of {@link TracepointTable}. Tables are read on first use.
 */
public final class TracepointCatalog {
    static final String RESOURCE_DIR = "/dev/tpc/schema/tracepoints/";
    static final String INDEX = "profiles.properties";

    private static final TracepointCatalog BUILTIN = loadBuiltin();

    private final Map<String, String> tableOfProfile;
    private final Function<String, TracepointTable> reader;
    private final Map<String, TracepointTable> loaded = new ConcurrentHashMap<>();

    private TracepointCatalog(Map<String, String> tableOfProfile, Function<String, TracepointTable> reader) {
        this.tableOfProfile = Collections.unmodifiableMap(new TreeMap<>(tableOfProfile));
        this.reader = reader;
    }

    /** The tables shipped with tpc. */
    public static TracepointCatalog builtin() {
        return BUILTIN;
    }

    /** A catalog over given tables, e.g. one read from a live node's tracefs or {@code --tracepoint-format}. */
    public static TracepointCatalog of(Map<String, TracepointTable> tablesByProfile) {
        Map<String, String> names = new LinkedHashMap<>();
        tablesByProfile.keySet().forEach(p -> names.put(p, p));
        Map<String, TracepointTable> copy = Map.copyOf(tablesByProfile);
        return new TracepointCatalog(names, copy::get);
    }

    public Set<String> profiles() {
        return tableOfProfile.keySet();
    }

    public Optional<TracepointTable> table(String profile) {
        String file = tableOfProfile.get(profile);
        if (file == null) {
            return Optional.empty();
        }
        return Optional.of(loaded.computeIfAbsent(file, reader));
    }

    /**
     * The table of a target profile: by the profile's name, else by its kernel release (the tables
     * are keyed by their own names and record the release they were read from, so a profile file
     * of a node that runs a shipped kernel finds its table).
     */
    public Optional<TracepointTable> forProfile(TargetProfile profile) {
        Optional<TracepointTable> byName = table(profile.name());
        if (byName.isPresent() || profile.release().isEmpty()) {
            return byName;
        }
        for (String key : profiles()) {
            Optional<TracepointTable> t = table(key);
            if (t.isPresent() && t.get().kernelRelease().equals(profile.release())) {
                return t;
            }
        }
        return Optional.empty();
    }

    /** The format of {@code subsystem/event} on {@code profile}; empty when either is unknown. */
    public Optional<TracepointFormat> format(String profile, String subsystem, String event) {
        return table(profile).flatMap(t -> t.find(subsystem, event));
    }

    private static TracepointCatalog loadBuiltin() {
        Properties index = new Properties();
        try (InputStream in = TracepointCatalog.class.getResourceAsStream(RESOURCE_DIR + INDEX)) {
            if (in != null) {
                index.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in tracepoint index", e);
        }
        Map<String, String> map = new LinkedHashMap<>();
        index.stringPropertyNames().forEach(p -> map.put(p, index.getProperty(p).strip()));
        return new TracepointCatalog(map, TracepointCatalog::readResource);
    }

    private static TracepointTable readResource(String file) {
        try (InputStream in = TracepointCatalog.class.getResourceAsStream(RESOURCE_DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("built-in tracepoint table missing: " + file);
            }
            return TracepointTable.parseCompact(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read built-in tracepoint table " + file, e);
        } catch (TracepointFormatException e) {
            throw new IllegalStateException("built-in tracepoint table " + file + " is corrupt: " + e.getMessage(), e);
        }
    }
}
