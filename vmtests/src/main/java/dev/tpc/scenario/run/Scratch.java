package dev.tpc.scenario.run;

import dev.tpc.scenario.model.Setup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A scenario's scratch directory: created empty, filled with the setup's files and binary
 * copies, deleted afterwards whatever happened. Nothing of a scenario is written elsewhere.
 */
final class Scratch implements AutoCloseable {
    private final Path dir;

    private Scratch(Path dir) {
        this.dir = dir;
    }

    /**
     * A new directory under {@code root}, world-readable and traversable (a step may run as another
     * user), with the setup applied.
     */
    static Scratch create(Path root, String scenario, Setup setup) throws IOException {
        Files.createDirectories(root);
        Path dir = Files.createTempDirectory(root, "tps-" + slug(scenario) + "-");
        Scratch s = new Scratch(dir);
        try {
            Files.setPosixFilePermissions(dir, perms(0755));
            for (Setup.FileSpec f : setup.files()) {
                Path p = s.resolve(f.path());
                Files.createDirectories(p.getParent());
                Files.write(p, f.content());
                Files.setPosixFilePermissions(p, perms(f.mode()));
            }
            for (Setup.BinaryCopy c : setup.copies()) {
                Path p = s.resolve(c.name());
                Files.createDirectories(p.getParent());
                Files.copy(Path.of(c.source()), p, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(p, perms(0755));
            }
            if (setup.workdir().isPresent()) {
                Files.createDirectories(s.resolve(setup.workdir().get()));
            }
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    Path dir() {
        return dir;
    }

    /** A path of the scenario below the scratch directory; one that would leave it is refused. */
    Path resolve(String relative) throws IOException {
        Path p = dir.resolve(relative).normalize();
        if (!p.startsWith(dir)) {
            throw new IOException("'" + relative + "' is outside the scenario's scratch directory");
        }
        return p;
    }

    /** {@code ${scratch}} expanded. */
    String expand(String text) {
        return text.replace("${scratch}", dir.toString());
    }

    static Set<PosixFilePermission> perms(int mode) {
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                out.add(order[bit]);
            }
        }
        return out;
    }

    private static String slug(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return s.length() > 32 ? s.substring(0, 32) : s.isEmpty() ? "scenario" : s;
    }

    /** Deletes the directory and everything in it (symbolic links themselves, never their targets). */
    @Override
    public void close() {
        deleteTree(dir);
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    if (!Files.isSymbolicLink(p) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        Files.setPosixFilePermissions(p, perms(0700));
                    }
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // left for the temporary directory's own cleanup; never fails the scenario
                }
            });
        } catch (IOException e) {
            // the same
        }
    }
}
