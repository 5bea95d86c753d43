package dev.tpc.runtime.e2e;

import dev.tpc.runtime.testing.BpfTestSupport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The workload of the end-to-end tests: a copy of {@code tpc_tester} (src/test/c) at a path of
 * its own, so that a policy scoped to that path can only ever match this test's children.
 */
final class Tester {
    private final Path binary;

    private Tester(Path binary) {
        this.binary = binary;
    }

    /** A fresh copy of the tester at {@code dir/name}. */
    static Tester copyTo(Path dir, String name) throws IOException {
        Path target = dir.resolve(name);
        Files.copy(built(), target, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new Tester(target);
    }

    /** The tester built by src/test/c/build.sh, or skip with the reason it was not built. */
    static Path built() {
        URL url = Tester.class.getResource("/bin/tpc_tester");
        if (url == null) {
            String why = "";
            try (InputStream s = Tester.class.getResourceAsStream("/bin/SKIPPED")) {
                if (s != null) {
                    why = ": " + new String(s.readAllBytes(), StandardCharsets.UTF_8).strip();
                }
            } catch (IOException e) {
                why = ": " + e.getMessage();
            }
            return BpfTestSupport.skip("the end-to-end tester was not built" + why);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            return BpfTestSupport.skip("cannot locate the tester: " + e.getMessage());
        }
    }

    Path path() {
        return binary;
    }

    /** Runs the tester with {@code args} to its end; returns how it ended and what it printed. */
    Child run(String... args) throws IOException {
        Child c = start(false, args);
        c.await();
        return c;
    }

    /**
     * Starts the tester in "wait" mode: it reports its pid and makes no call before {@link Child#go}.
     */
    Child startWaiting(String... args) throws IOException {
        return start(true, args);
    }

    private Child start(boolean wait, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary.toString());
        if (wait) {
            cmd.add("wait");
        }
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Child c = new Child(p);
        if (wait) {
            c.awaitReady();
        } else {
            p.getOutputStream().close();
        }
        return c;
    }

    /** A running (or finished) tester process. */
    static final class Child {
        private final Process process;
        private final BufferedReader out;
        private final StringBuilder printed = new StringBuilder();
        private int exit = -1;

        private Child(Process process) {
            this.process = process;
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        int pid() {
            return (int) process.pid();
        }

        private void awaitReady() throws IOException {
            String line = out.readLine();
            if (line == null || !line.equals("ready " + process.pid())) {
                throw new IOException("tester did not report ready with its pid " + process.pid() + ": " + line);
            }
        }

        /** Lets a waiting tester make its calls. */
        void go() throws IOException {
            try (OutputStream in = process.getOutputStream()) {
                in.write("go\n".getBytes(StandardCharsets.US_ASCII));
            }
        }

        /** Waits for the end (bounded: a tester makes a handful of calls). */
        Child await() throws IOException {
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IOException("tester " + pid() + " did not finish");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            String line;
            while ((line = out.readLine()) != null) {
                printed.append(line).append('\n');
            }
            exit = process.exitValue();
            return this;
        }

        /** The JDK reports death by signal N as exit value 128 + N. */
        boolean killedBy(int signal) {
            return exit == 128 + signal && !printed.toString().contains("done\n");
        }

        boolean finishedNormally() {
            return exit == 0 && printed.toString().contains("done\n");
        }

        String describe() {
            return "tester " + pid() + " exit value " + exit + ", printed: " + printed.toString().replace('\n', '|');
        }
    }
}
