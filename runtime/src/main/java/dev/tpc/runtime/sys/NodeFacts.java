package dev.tpc.runtime.sys;

import dev.tpc.runtime.plan.NodeFact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@link NodeFact}s of this node: inode numbers of PID 1's namespaces. */
public final class NodeFacts {
    private static final Pattern NS_LINK = Pattern.compile("[a-z_]+:\\[(\\d+)]");

    private final Path proc;
    private final Map<NodeFact, Long> cache = new EnumMap<>(NodeFact.class);

    public NodeFacts(Path proc) {
        this.proc = proc;
    }

    public static NodeFacts host() {
        return new NodeFacts(Path.of("/proc"));
    }

    /** The value of {@code fact}; fails with a message when this node does not expose it. */
    public long value(NodeFact fact) throws IOException {
        Long cached = cache.get(fact);
        if (cached != null) {
            return cached;
        }
        Path link = proc.resolve("1").resolve("ns").resolve(fact.procName());
        String target;
        try {
            target = Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            throw new IOException("cannot read " + link + " (needed for " + fact + "): " + e.getMessage(), e);
        }
        Matcher m = NS_LINK.matcher(target);
        if (!m.matches()) {
            throw new IOException("unexpected namespace link " + link + " -> " + target);
        }
        long inode = Long.parseLong(m.group(1));
        cache.put(fact, inode);
        return inode;
    }
}
