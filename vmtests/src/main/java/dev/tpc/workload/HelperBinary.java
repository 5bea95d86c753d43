package dev.tpc.workload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The helper binary, extracted once per JVM from the class path to a private directory (0700)
 * under {@code java.io.tmpdir} (or {@code -Dtpc.workload.dir}): the jar itself may sit on a
 * read-only root, as it does inside the qemu guests. The copy is checked by running it once
 * ({@code --version}), so that a {@code noexec} temporary directory is reported here, with the way
 * out, rather than as every step failing to start.
 */
final class HelperBinary {
    static final String DIR_PROPERTY = "tpc.workload.dir";
    private static final Object LOCK = new Object();
    private static Path extracted;
    private static String unavailable;

    private HelperBinary() {
    }

    /** The extracted helper; throws with the reason when there is none for this machine. */
    static Path path() {
        synchronized (LOCK) {
            if (extracted == null && unavailable == null) {
                try {
                    extracted = extract();
                } catch (WorkloadUnavailableException e) {
                    unavailable = e.getMessage();
                }
            }
            if (unavailable != null) {
                throw new WorkloadUnavailableException(unavailable);
            }
            return extracted;
        }
    }

    /** {@code x86_64}, {@code aarch64}: the suffix of the resource, as {@code uname -m} names the machine. */
    static String machine() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> arch;
        };
    }

    static String resourceName() {
        return "dev/tpc/workload/tpc-workload." + machine();
    }

    private static Path extract() {
        String os = System.getProperty("os.name", "");
        if (!os.equals("Linux")) {
            throw new WorkloadUnavailableException("the workload helper runs on Linux only (this is " + os + ")");
        }
        byte[] bytes;
        try (InputStream in = HelperBinary.class.getClassLoader().getResourceAsStream(resourceName())) {
            if (in == null) {
                throw new WorkloadUnavailableException("this build of tpc has no workload helper for " + machine()
                        + " (class-path resource " + resourceName() + "; it is built by the vmtests module on Linux with gcc and libc6-dev)");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new WorkloadUnavailableException("cannot read the workload helper from the class path: " + e.getMessage());
        }
        Path base = Path.of(System.getProperty(DIR_PROPERTY, System.getProperty("java.io.tmpdir")));
        Path binary;
        try {
            Path dir = Files.createTempDirectory(base, "tpc-workload-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            binary = dir.resolve("tpc-workload");
            Files.write(binary, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwx------"));
            // deleteOnExit runs in reverse order: the file, then its directory
            dir.toFile().deleteOnExit();
            binary.toFile().deleteOnExit();
        } catch (IOException | UnsupportedOperationException e) {
            throw new WorkloadUnavailableException("cannot write the workload helper under " + base + ": " + e.getMessage()
                    + " (set -D" + DIR_PROPERTY + "=<a writable directory>)");
        }
        check(binary, base);
        return binary;
    }

    private static void check(Path binary, Path base) {
        String why;
        try {
            Process p = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readNBytes(4096);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                why = "it did not answer --version";
            } else {
                String text = new String(out, StandardCharsets.UTF_8).strip();
                if (p.exitValue() == 0 && text.equals("tpc-workload " + ProgramEncoder.VERSION)) {
                    return;
                }
                why = "--version answered \"" + text + "\" (exit " + p.exitValue() + ")";
            }
        } catch (IOException e) {
            why = e.getMessage() + " (is " + base + " mounted noexec? set -D" + DIR_PROPERTY + "=<a directory that allows execution>)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why = "interrupted";
        }
        throw new WorkloadUnavailableException("the workload helper " + binary + " does not run: " + why);
    }
}
