package dev.tpc.api;

import dev.tpc.testing.Skip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.target.Arch;
import dev.tpc.testing.RepoFiles;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bundles are reproducible to the byte: every example policy compiled in this JVM, in another JVM
 * with another time zone, locale and directory, and (when the test runs as root) as another
 * user, gives bundles with the same SHA-256.
 */
class ReproducibilityTest {
    private static final Set<PosixFilePermission> OPEN = PosixFilePermissions.fromString("rwxr-xr-x");

    @Test
    void everyExampleBundleHasTheSameDigestEverywhere(@TempDir Path tmp) throws Exception {
        List<Path> inputs = policies(RepoFiles.root().resolve("examples/policies"));
        Map<String, String> here = new TreeMap<>();
        CompileReport r = Tpc.compile(new CompileRequest(inputs, List.of(), Arch.X86_64, tmp.resolve("a"), List.of(), false,
                Optional.empty(), tmp));
        r.bundles().forEach(b -> here.put(b.file().getFileName().toString(), b.sha256()));
        assertTrue(here.size() >= inputs.size() - 1, "nearly every example compiles: " + here.keySet());
        for (Map.Entry<String, String> e : here.entrySet()) {
            assertEquals(e.getValue(), Compilation.sha256(Files.readAllBytes(tmp.resolve("a").resolve(e.getKey()))), e.getKey());
        }

        Path elsewhere = Files.createDirectories(tmp.resolve("b/some/deeper/place"));
        Map<String, String> otherJvm = run(List.of(), classPath(), elsewhere.resolve("out"), inputs, elsewhere);
        assertEquals(here, otherJvm, "another JVM with TZ=Pacific/Chatham, the Turkish locale and another directory");
        System.out.println("reproducible: " + here.size() + " example bundles identical in this JVM and in another JVM");

        if (!isRoot()) {
            // the part above passed; the test as a whole did not run, and says so rather than passing
            Skip.because(Skip.Kind.ROOT, "not root, so the compile as another user (setpriv --reuid=65534) was not run");
        }
        if (!Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            Skip.because(Skip.Kind.ENVIRONMENT, "/usr/bin/setpriv is missing, so the compile as another user was not run");
        }
        Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        if (!reachableByOthers(java)) {
            Skip.because(Skip.Kind.ENVIRONMENT, java + " is not executable by other users, so the compile as nobody was not run");
        }
        // a world-readable copy of everything the other user needs; the compile writes to a 777 directory
        Path shared = Files.createTempDirectory(Path.of("/tmp"), "tpc-repro-");
        try {
            Files.setPosixFilePermissions(shared, OPEN);
            List<Path> copiedCp = new ArrayList<>();
            int i = 0;
            for (String entry : classPath()) {
                Path src = Path.of(entry);
                Path dst = shared.resolve("cp").resolve(i++ + "-" + src.getFileName());
                copy(src, dst);
                copiedCp.add(dst);
            }
            List<Path> copiedInputs = new ArrayList<>();
            for (Path p : inputs) {
                Path dst = shared.resolve("policies").resolve(p.getFileName());
                copy(p, dst);
                copiedInputs.add(dst);
            }
            Path out = Files.createDirectories(shared.resolve("nobody-out"));
            Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxrwxrwx"));
            Map<String, String> nobody = run(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"),
                    copiedCp.stream().map(Path::toString).toList(), out, copiedInputs, shared);
            assertEquals(here, nobody, "compiled as user nobody (65534)");
            System.out.println("reproducible: " + here.size() + " example bundles identical in this JVM, in another JVM"
                    + " (TZ=Pacific/Chatham, Turkish locale, another directory) and as user nobody");
            try (Stream<Path> s = Files.list(out)) {
                assertTrue(s.allMatch(p -> {
                    try {
                        return Files.getOwner(p).getName().equals("nobody");
                    } catch (IOException e) {
                        return false;
                    }
                }), "the bundles were written by nobody");
            }
        } finally {
            delete(shared);
        }
    }

    private static Map<String, String> run(List<String> prefix, List<String> classPath, Path out, List<Path> inputs, Path cwd)
            throws Exception {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(jitOptions());
        cmd.addAll(List.of("-Duser.language=tr", "-Duser.country=TR", "-Duser.timezone=Pacific/Chatham",
                "-cp", String.join(File.pathSeparator, classPath), CompileMain.class.getName(), out.toString()));
        inputs.forEach(p -> cmd.add(p.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().put("TZ", "Pacific/Chatham");
        pb.environment().put("LANG", "tr_TR.UTF-8");
        pb.environment().put("LC_ALL", "tr_TR.UTF-8");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the compile did not finish");
        assertEquals(0, p.exitValue(), () -> String.join(" ", cmd) + "\n" + output);
        Map<String, String> shas = new TreeMap<>();
        output.lines().filter(l -> l.matches("[0-9a-f]{64} \\S+\\.tpb")).forEach(l -> shas.put(l.substring(65), l.substring(0, 64)));
        for (Map.Entry<String, String> e : shas.entrySet()) {
            assertEquals(e.getValue(), Compilation.sha256(Files.readAllBytes(out.resolve(e.getKey()))), "file on disk " + e.getKey());
        }
        return shas;
    }

    /**
     * The JIT options this JVM was started with (the root pom's surefire argLine stops at the
     * first, quick compiler tier): the child compiles the examples once and exits, so it starts
     * faster with them too. The bytes it writes cannot depend on them.
     */
    private static List<String> jitOptions() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-XX:TieredStopAtLevel=")).toList();
    }

    private static List<String> classPath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(cp.split(File.pathSeparator)).stream().filter(s -> !s.isBlank() && Files.exists(Path.of(s))).toList();
    }

    private static List<Path> policies(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static void copy(Path src, Path dst) throws IOException {
        Files.createDirectories(dst.getParent());
        setOpen(dst.getParent());
        if (Files.isDirectory(src)) {
            try (Stream<Path> s = Files.walk(src)) {
                for (Path p : s.toList()) {
                    Path t = dst.resolve(src.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(t);
                    } else {
                        Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                    }
                    Files.setPosixFilePermissions(t, OPEN);
                }
            }
        } else {
            Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(dst, OPEN);
        }
    }

    private static void setOpen(Path dir) throws IOException {
        for (Path p = dir; p != null && p.startsWith("/tmp/") && !p.toString().equals("/tmp"); p = p.getParent()) {
            Files.setPosixFilePermissions(p, OPEN);
        }
    }

    private static boolean reachableByOthers(Path file) throws IOException {
        Path real = file.toRealPath();
        for (Path p = real.getParent(); p != null; p = p.getParent()) {
            if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                return false;
            }
        }
        return Files.getPosixFilePermissions(real).contains(PosixFilePermission.OTHERS_EXECUTE);
    }

    private static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[2].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
