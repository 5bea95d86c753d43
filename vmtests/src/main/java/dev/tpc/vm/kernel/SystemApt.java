package dev.tpc.vm.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The host's apt-get with a configuration of tpc's own under {@code <cache>/apt}: its own
 * sources.list (Debian's suites that carry the matrix kernels), lists, cache and an empty dpkg
 * status, so that nothing of the host's apt state is read or changed. Every suite is
 * {@code signed-by} the host's Debian archive keyring; apt refuses an index whose Release file
 * does not verify, and a download whose hash differs from the index.
 */
public final class SystemApt implements Apt {
    public static final Path DEBIAN_KEYRING = Path.of("/usr/share/keyrings/debian-archive-keyring.gpg");
    public static final String DEFAULT_MIRROR = "http://deb.debian.org/debian";
    public static final String DEFAULT_SECURITY_MIRROR = "http://deb.debian.org/debian-security";
    /** Suites whose kernels tpc can boot: the releases with their -security and -updates suites, and sid. */
    public static final List<String> RELEASES = List.of("bullseye", "bookworm", "trixie", "sid");

    private static final Duration UPDATE_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration QUERY_TIMEOUT = Duration.ofMinutes(1);

    private final Path dir;
    private final String mirror;
    private final String securityMirror;
    private final Path keyring;

    public SystemApt(Path dir) {
        this(dir, DEFAULT_MIRROR, DEFAULT_SECURITY_MIRROR, DEBIAN_KEYRING);
    }

    public SystemApt(Path dir, String mirror, String securityMirror, Path keyring) {
        this.dir = dir;
        this.mirror = mirror;
        this.securityMirror = securityMirror;
        this.keyring = keyring;
    }

    /** The private sources.list: one line per suite, each signed-by the Debian archive keyring. */
    String sourcesList() {
        StringBuilder sb = new StringBuilder("# written by tpc (docs/kernel-matrix.md): the suites whose kernels it boots\n");
        for (String release : RELEASES) {
            line(sb, mirror, release);
            if (!release.equals("sid")) {
                line(sb, securityMirror, release + "-security");
                line(sb, mirror, release + "-updates");
            }
        }
        return sb.toString();
    }

    private void line(StringBuilder sb, String uri, String suite) {
        sb.append("deb [signed-by=").append(keyring).append("] ").append(uri).append(' ').append(suite).append(" main\n");
    }

    private List<String> apt(String tool, String... args) {
        List<String> argv = new ArrayList<>(List.of(tool,
                "-o", "Dir::Etc::sourcelist=" + dir.resolve("sources.list"),
                "-o", "Dir::Etc::sourceparts=/dev/null",
                "-o", "Dir::Etc::preferences=/dev/null",
                "-o", "Dir::Etc::preferencesparts=/dev/null",
                "-o", "Dir::State::Lists=" + dir.resolve("lists"),
                "-o", "Dir::State::status=" + dir.resolve("status"),
                "-o", "Dir::Cache=" + dir.resolve("cache"),
                "-o", "Acquire::Languages=none",
                "-o", "Acquire::http::Timeout=30",
                "-o", "Acquire::Retries=2",
                // the cache lives under the user's home, which apt's _apt sandbox user cannot enter
                "-o", "APT::Sandbox::User=" + System.getProperty("user.name", "root")));
        argv.addAll(List.of(args));
        return argv;
    }

    private void prepare() throws KernelException {
        if (!Files.isRegularFile(keyring)) {
            throw new KernelException("the Debian archive keyring " + keyring + " is missing: install debian-archive-keyring"
                    + " (apt verifies every kernel against Debian's signed index with it)");
        }
        try {
            Files.createDirectories(dir.resolve("lists/partial"));
            Files.createDirectories(dir.resolve("cache/archives/partial"));
            if (!Files.exists(dir.resolve("status"))) {
                Files.writeString(dir.resolve("status"), "");
            }
            Path sources = dir.resolve("sources.list");
            String want = sourcesList();
            if (!Files.exists(sources) || !Files.readString(sources).equals(want)) {
                Files.writeString(sources, want);
                Files.deleteIfExists(dir.resolve("updated"));
            }
        } catch (IOException e) {
            throw new KernelException("cannot set up tpc's apt configuration in " + dir + ": " + Exec.reason(e));
        }
    }

    @Override
    public Optional<Instant> lastUpdate() {
        try {
            Path stamp = dir.resolve("updated");
            return Files.exists(stamp) ? Optional.of(Files.getLastModifiedTime(stamp).toInstant()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<String> update() throws KernelException {
        prepare();
        Exec.Result r = Exec.run(apt("apt-get", "-q", "update"), dir, UPDATE_TIMEOUT);
        List<String> problems = r.output().lines()
                .filter(l -> l.startsWith("E:") || l.startsWith("Err:") || l.startsWith("W: GPG error")
                        || l.startsWith("W: Failed to fetch") || l.contains("NO_PUBKEY") || l.contains("is not signed"))
                .map(String::strip).distinct().toList();
        if (r.exit() != 0 || !problems.isEmpty()) {
            if (packageIndexes().isEmpty()) {
                throw new KernelException("apt-get update of tpc's Debian index failed (is the network or the mirror"
                        + " reachable?):\n" + (problems.isEmpty() ? r.tail(10) : String.join("\n", problems)));
            }
            List<String> warnings = new ArrayList<>();
            warnings.add("apt-get update of tpc's Debian index had problems; older index files are used where they exist:");
            warnings.addAll(problems.isEmpty() ? List.of(r.tail(5)) : problems);
            return warnings;
        }
        try {
            Files.writeString(dir.resolve("updated"), Instant.now() + "\n");
        } catch (IOException e) {
            throw new KernelException("cannot write " + dir.resolve("updated") + ": " + Exec.reason(e));
        }
        return List.of();
    }

    @Override
    public Map<String, Path> packageIndexes() throws KernelException {
        prepare();
        Exec.Result r = Exec.run(apt("apt-get", "indextargets", "--format", "$(CODENAME)\t$(FILENAME)",
                "Identifier: Packages"), dir, QUERY_TIMEOUT);
        if (r.exit() != 0) {
            throw new KernelException("apt-get indextargets failed:\n" + r.tail(5));
        }
        Map<String, Path> indexes = new LinkedHashMap<>();
        for (String line : r.out().lines().toList()) {
            String[] f = line.split("\t");
            if (f.length == 2 && !f[0].isBlank()) {
                // apt lists every configured target; only the ones it has fetched exist
                Optional<Path> file = existing(Path.of(f[1]));
                file.ifPresent(p -> indexes.put(f[0], p));
            }
        }
        return indexes;
    }

    /** apt names the file without its compression suffix in some versions: find the one that exists. */
    private static Optional<Path> existing(Path file) {
        if (Files.isRegularFile(file)) {
            return Optional.of(file);
        }
        try (Stream<Path> s = Files.list(file.getParent())) {
            String base = file.getFileName().toString();
            return s.filter(p -> p.getFileName().toString().startsWith(base + ".")).findFirst();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    @Override
    public InputStream open(Path indexFile) throws KernelException {
        try {
            Process p = new ProcessBuilder("/usr/lib/apt/apt-helper", "cat-file", indexFile.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            return p.getInputStream();
        } catch (IOException e) {
            throw new KernelException("cannot read apt's index " + indexFile + " with /usr/lib/apt/apt-helper: " + Exec.reason(e));
        }
    }

    @Override
    public void download(List<IndexEntry> packages, Path into, KernelListener progress) throws KernelException {
        prepare();
        String what = String.join(" ", packages.stream().map(IndexEntry::pin).toList());
        long total = packages.stream().mapToLong(IndexEntry::size).sum();
        String[] args = Stream.concat(Stream.of("-q", "download"), packages.stream().map(IndexEntry::pin)).toArray(String[]::new);
        Exec.Result r = Exec.run(apt("apt-get", args), into, DOWNLOAD_TIMEOUT, () -> {
            progress.download(what, bytesIn(into), total);
            return true;
        });
        progress.download(what, bytesIn(into), total);
        if (r.exit() != 0) {
            String why = r.output().lines().filter(l -> l.startsWith("E:") || l.startsWith("Err:")).findFirst().orElse(r.tail(3));
            throw new KernelException("apt-get download " + what + " failed: " + why
                    + (why.contains("No space left") ? "" : "\n(a download that fails against the index means the index"
                    + " is stale or the network is down; tpc refreshes the index when it is older than a day)"));
        }
    }

    private static long bytesIn(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }
}
