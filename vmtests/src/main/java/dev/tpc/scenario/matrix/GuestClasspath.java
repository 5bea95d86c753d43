package dev.tpc.scenario.matrix;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The class path the guest's agent runs with: this JVM's own, which the guest sees through the
 * host root mounted read-only. A manifest-only jar (how Surefire and some launchers pass a long
 * class path) is expanded to its Class-Path entries. Entries under /tmp are refused: the guest
 * mounts a tmpfs of its own there. The guest's /root is a tmpfs too, with the host's /root
 * read-only at {@link #HOST_ROOT_IN_GUEST}, so entries below /root (a Maven repository) are
 * named by that path.
 */
final class GuestClasspath {
    /** Where the guest's init mounts the host's /root (see the initramfs's init). */
    static final Path HOST_ROOT_IN_GUEST = Path.of("/run/tpc/host-root");

    private GuestClasspath() {
    }

    static List<Path> current() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path p = Path.of(entry).toAbsolutePath().normalize();
            out.addAll(expand(p));
        }
        for (Path p : out) {
            if (p.startsWith("/tmp")) {
                throw new IOException("the class path entry " + p + " is under /tmp, which a guest does not see (it mounts"
                        + " a tmpfs there); run tpc from a directory outside /tmp");
            }
        }
        return out.stream().map(GuestClasspath::inGuest).toList();
    }

    /** The path of a host file as the guest sees it. */
    static Path inGuest(Path host) {
        Path root = Path.of("/root");
        return host.startsWith(root) ? HOST_ROOT_IN_GUEST.resolve(root.relativize(host)) : host;
    }

    /** A jar whose manifest names a Class-Path: those entries (relative to the jar) instead of the jar alone. */
    private static List<Path> expand(Path p) throws IOException {
        if (!Files.isRegularFile(p) || !p.toString().endsWith(".jar")) {
            return List.of(p);
        }
        try (JarFile jar = new JarFile(p.toFile())) {
            Manifest m = jar.getManifest();
            String cp = m == null ? null : m.getMainAttributes().getValue("Class-Path");
            boolean onlyManifest = jar.stream().noneMatch(e -> e.getName().endsWith(".class"));
            if (cp == null || !onlyManifest) {
                return List.of(p);
            }
            List<Path> out = new ArrayList<>();
            for (String u : cp.trim().split("\\s+")) {
                Path entry = u.startsWith("file:") ? Path.of(URI.create(u)) : p.getParent().resolve(u);
                out.add(entry.toAbsolutePath().normalize());
            }
            return out;
        }
    }

    /** The java binary of this JVM: the guest runs the same one. */
    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
