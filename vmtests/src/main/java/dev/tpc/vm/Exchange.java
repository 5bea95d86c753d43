package dev.tpc.vm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The per-run exchange directory: created under /var/tmp (the guest's /tmp is a tmpfs), shared
 * read-write over 9p at the same path. {@code .vm/cmd.sh} is the command, {@code .vm/rc} its exit
 * status; everything else is the command's, and new files are reported as they appear.
 */
final class Exchange implements AutoCloseable {
    private final Path dir;
    private final Set<String> reported = new HashSet<>();
    /** A file is reported once its size and mtime stayed the same this long (or the guest ended). */
    static final long SETTLE_NANOS = 1_000_000_000L;
    /** Size and mtime of each unreported file, and since when they are so. */
    private final Map<String, Map.Entry<String, Long>> lastSeen = new HashMap<>();

    private Exchange(Path dir) {
        this.dir = dir;
    }

    static Exchange create(Path workDir, List<String> command, Map<String, String> environment, Map<String, Path> inputs)
            throws IOException {
        Files.createDirectories(workDir);
        Path dir = Files.createTempDirectory(workDir, "tpc-vm.");
        Exchange x = new Exchange(dir);
        try {
            // the guest's command may run as another user (a scenario dropping privileges): let it write
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            Files.createDirectories(dir.resolve(".vm"));
            Files.writeString(dir.resolve(".vm/cmd.sh"), script(dir, command, environment), StandardCharsets.UTF_8);
            for (Map.Entry<String, Path> in : inputs.entrySet()) {
                Files.copy(in.getValue(), dir.resolve(in.getKey()), StandardCopyOption.COPY_ATTRIBUTES);
                x.reported.add(in.getKey());
            }
        } catch (IOException | RuntimeException e) {
            x.close();
            throw e;
        }
        return x;
    }

    Path dir() {
        return dir;
    }

    /** The shell script init runs (with a clean environment) inside the chroot. */
    static String script(Path dir, List<String> command, Map<String, String> environment) {
        StringBuilder sb = new StringBuilder("# written by tpc: the guest's command (docs/kernel-matrix.md)\n");
        sb.append("cd ").append(quote(dir.toString())).append(" || exit 125\n");
        environment.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sb.append("export ").append(e.getKey()).append('=').append(quote(e.getValue())).append('\n'));
        sb.append("exec");
        for (String arg : command) {
            sb.append(' ').append(quote(arg));
        }
        return sb.append(" 2>&1\n").toString();
    }

    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** The command's exit status, once init wrote it. */
    OptionalInt exitStatus() {
        try {
            Path rc = dir.resolve(".vm/rc");
            if (!Files.isRegularFile(rc)) {
                return OptionalInt.empty();
            }
            return OptionalInt.of(Integer.parseInt(Files.readString(rc).strip()));
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * Files that appeared since the last call and did not change since the one before (or all of
     * them, once the guest ended), read whole up to the limit.
     */
    List<ExchangeFile> newFiles(boolean guestEnded) {
        List<ExchangeFile> found = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                String name = dir.relativize(p).toString().replace('\\', '/');
                String base = p.getFileName().toString();
                if (name.startsWith(".vm/") || base.startsWith(".") || base.endsWith(".tmp") || reported.contains(name)) {
                    continue;
                }
                String stamp = stamp(p);
                Map.Entry<String, Long> seen = lastSeen.get(name);
                if (seen == null || !seen.getKey().equals(stamp)) {
                    seen = Map.entry(stamp, System.nanoTime());
                    lastSeen.put(name, seen);
                }
                if (!guestEnded && System.nanoTime() - seen.getValue() < SETTLE_NANOS) {
                    continue; // new or still changing: look again at a later poll
                }
                read(p).ifPresent(bytes -> {
                    reported.add(name);
                    found.add(new ExchangeFile(name, bytes));
                });
            }
        } catch (IOException | UncheckedIOException e) {
            // a file that vanished while we walked: the next poll sees the directory again
        }
        return found;
    }

    private static String stamp(Path p) {
        try {
            return Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return "";
        }
    }

    private static Optional<byte[]> read(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            return Optional.of(in.readNBytes(Guests.MAX_EXCHANGE_FILE));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // best effort: a leftover directory under /var/tmp is harmless and named tpc-vm.*
        }
    }
}
