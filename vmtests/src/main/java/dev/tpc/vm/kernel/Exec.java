package dev.tpc.vm.kernel;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Runs the host tools the kernel store needs (apt-get, apt-helper, dpkg-deb) with a bound on time. */
final class Exec {
    record Result(int exit, String out, String err) {
        String output() {
            return (out + (out.isEmpty() || err.isEmpty() ? "" : "\n") + err).strip();
        }

        /** The last lines of the output, for an error message. */
        String tail(int lines) {
            List<String> all = output().lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }
    }

    private Exec() {}

    static Result run(List<String> argv, Path cwd, Duration timeout) throws KernelException {
        return run(argv, cwd, timeout, () -> true);
    }

    /** Runs argv; {@code tick} is called about three times a second while it runs (progress polling). */
    static Result run(List<String> argv, Path cwd, Duration timeout, BooleanSupplier tick) throws KernelException {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (cwd != null) {
            pb.directory(cwd.toFile());
        }
        pb.environment().put("LC_ALL", "C");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new KernelException("cannot run " + argv.get(0) + ": " + reason(e) + missingTool(argv.get(0)));
        }
        try {
            CompletableFuture<String> out = drain(p.getInputStream());
            CompletableFuture<String> err = drain(p.getErrorStream());
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!p.waitFor(300, TimeUnit.MILLISECONDS)) {
                tick.getAsBoolean();
                if (System.nanoTime() > deadline) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    throw new KernelException(String.join(" ", argv.subList(0, Math.min(2, argv.size())))
                            + " did not finish within " + timeout.toSeconds() + " s");
                }
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new KernelException("interrupted while running " + argv.get(0));
        }
    }

    /** A thread of its own per stream: blocking reads must not sit in the (tiny, on 2 cores) common pool. */
    private static CompletableFuture<String> drain(InputStream in) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (in) {
                text.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.complete("");
            }
        }, "tpc-exec-drain");
        t.setDaemon(true);
        t.start();
        return text;
    }

    static String reason(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    private static String missingTool(String tool) {
        String name = Path.of(tool).getFileName().toString();
        return switch (name) {
            case "apt-get", "apt-helper" -> " (tpc fetches Debian kernels with apt; on a host without apt, give a kernel"
                    + " with --kernel PATH)";
            case "dpkg-deb" -> " (install dpkg, or give an image and a modules directory with --kernel)";
            default -> "";
        };
    }
}
