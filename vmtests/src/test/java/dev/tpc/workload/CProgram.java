package dev.tpc.workload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Compiles a C program with gcc and runs it (tests that check tables against the system headers). */
final class CProgram {
    private CProgram() {
    }

    /** The program's standard output; fails the test with gcc's messages when it does not compile. */
    static String run(Path gcc, String source, Path dir) throws IOException, InterruptedException {
        Path c = dir.resolve("check.c");
        Path exe = dir.resolve("check");
        Files.writeString(c, source);
        String compiled = exec(List.of(gcc.toString(), "-O0", "-w", "-o", exe.toString(), c.toString()), dir);
        if (!Files.isExecutable(exe)) {
            throw new AssertionError("gcc could not compile the generated check:\n" + compiled);
        }
        return exec(List.of(exe.toString()), dir);
    }

    private static String exec(List<String> cmd, Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(cmd + " did not finish");
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
