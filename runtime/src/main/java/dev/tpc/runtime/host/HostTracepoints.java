package dev.tpc.runtime.host;

import dev.tpc.runtime.sys.Mounts;
import dev.tpc.yaml.MappingNode;
import dev.tpc.yaml.ParsedFile;
import dev.tpc.yaml.ScalarNode;
import dev.tpc.yaml.SequenceNode;
import dev.tpc.yaml.YamlDocument;
import dev.tpc.yaml.YamlNode;
import dev.tpc.yaml.YamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The running kernel's tracefs formats of the tracepoints some policies name, so that a policy
 * compiled for this node reads its arguments at this kernel's offsets, whatever the shipped tables
 * say. Written as one file of formats, each after {@code === subsys/event} (what
 * {@code --tracepoint-format} reads).
 */
final class HostTracepoints {
    private HostTracepoints() {
    }

    /** {@code subsys/event} of every tracepoint hook in the policy files; unreadable files name none. */
    static Set<String> named(List<Path> policyFiles) {
        Set<String> out = new LinkedHashSet<>();
        YamlReader reader = new YamlReader();
        for (Path file : policyFiles) {
            ParsedFile parsed = reader.read(file, file.toString());
            for (YamlDocument doc : parsed.documents()) {
                if (!(doc.root() instanceof MappingNode root)) {
                    continue;
                }
                Optional<YamlNode> tps = root.get("spec").flatMap(s -> s instanceof MappingNode m ? m.get("tracepoints") : Optional.empty());
                if (tps.isPresent() && tps.get() instanceof SequenceNode seq) {
                    for (YamlNode item : seq.items()) {
                        if (item instanceof MappingNode tp) {
                            String subsys = text(tp, "subsystem");
                            String event = text(tp, "event");
                            if (!subsys.isEmpty() && !event.isEmpty() && !subsys.contains("/") && !event.contains("/")
                                    && !subsys.contains("..") && !event.contains("..")) {
                                out.add(subsys + "/" + event);
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    private static String text(MappingNode m, String key) {
        return m.get(key).filter(n -> n instanceof ScalarNode).map(n -> ((ScalarNode) n).text()).orElse("");
    }

    /**
     * Writes the formats of {@code tracepoints} that this kernel's tracefs has into {@code file};
     * empty when it has none of them (or tracefs is not mounted).
     */
    static Optional<Path> write(Set<String> tracepoints, Path file) throws IOException {
        Optional<Path> events = eventsDirectory();
        if (events.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder();
        for (String tp : tracepoints) {
            Path format = events.get().resolve(tp).resolve("format");
            if (Files.isReadable(format)) {
                sb.append("=== ").append(tp).append('\n').append(Files.readString(format, StandardCharsets.UTF_8));
                if (sb.charAt(sb.length() - 1) != '\n') {
                    sb.append('\n');
                }
            }
        }
        if (sb.length() == 0) {
            return Optional.empty();
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
        return Optional.of(file);
    }

    private static Optional<Path> eventsDirectory() {
        for (Path base : List.of(Mounts.TRACEFS, Mounts.DEBUGFS_TRACING)) {
            Path events = base.resolve("events");
            if (Files.isDirectory(events)) {
                return Optional.of(events);
            }
        }
        return Optional.empty();
    }
}
