package dev.tpc.vm.qemu;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A running qemu: its console streamed line by line to a consumer and to a log file, its stderr
 * kept (bounded) for the report. Every live qemu is registered with a JVM shutdown hook and killed
 * by {@link #close()}, so no guest outlives the JVM or an exception.
 */
public final class QemuProcess implements AutoCloseable {
    private static final Set<QemuProcess> LIVE = ConcurrentHashMap.newKeySet();
    private static final int STDERR_LIMIT = 64 * 1024;
    private static final int TAIL_LINES = 200;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(QemuProcess::kill), "tpc-qemu-reaper"));
    }

    private final Process process;
    private final Thread console;
    private final Thread errors;
    private final Deque<String> tail = new ArrayDeque<>();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private QemuProcess(Process process, Path consoleLog, Consumer<String> onLine) throws IOException {
        this.process = process;
        OutputStream log = Files.newOutputStream(consoleLog);
        this.console = daemon("tpc-qemu-console-" + process.pid(), () -> pump(process.getInputStream(), log, onLine));
        this.errors = daemon("tpc-qemu-stderr-" + process.pid(), () -> keep(process.getErrorStream()));
    }

    /** Starts qemu; its console goes to {@code consoleLog} and, line by line, to {@code onLine} (on a reader thread). */
    public static QemuProcess start(QemuCommand command, Path consoleLog, Consumer<String> onLine) throws IOException {
        Process p = new ProcessBuilder(command.argv())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        QemuProcess q;
        try {
            q = new QemuProcess(p, consoleLog, onLine);
        } catch (IOException | RuntimeException e) {
            p.destroyForcibly();
            throw e;
        }
        LIVE.add(q);
        if (!p.isAlive()) {
            LIVE.remove(q);
        }
        return q;
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void pump(InputStream in, OutputStream log, Consumer<String> onLine) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try (in; log) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                log.write(buf, 0, n);
                log.flush();
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        emit(line, onLine);
                    } else if (buf[i] != '\r' && line.size() < 16384) {
                        line.write(buf[i]);
                    }
                }
            }
        } catch (IOException e) {
            // qemu went away: the console ends here
        }
        if (line.size() > 0) {
            emit(line, onLine);
        }
    }

    private void emit(ByteArrayOutputStream line, Consumer<String> onLine) {
        String s = line.toString(StandardCharsets.UTF_8);
        line.reset();
        synchronized (tail) {
            tail.addLast(s);
            if (tail.size() > TAIL_LINES) {
                tail.removeFirst();
            }
        }
        try {
            onLine.accept(s);
        } catch (RuntimeException e) {
            // a listener's problem must not stop the console (the guest's fate is read from it)
        }
    }

    private void keep(InputStream in) {
        byte[] buf = new byte[4096];
        try (in) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                synchronized (stderr) {
                    if (stderr.size() < STDERR_LIMIT) {
                        stderr.write(buf, 0, Math.min(n, STDERR_LIMIT - stderr.size()));
                    }
                }
            }
        } catch (IOException e) {
            // gone
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for qemu to exit; true when it did within the time. */
    public boolean waitFor(Duration time) throws InterruptedException {
        boolean done = process.waitFor(time.toMillis(), TimeUnit.MILLISECONDS);
        if (done) {
            LIVE.remove(this);
            console.join(2000); // the rest of the console
            errors.join(1000);
        }
        return done;
    }

    public Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    public String stderr() {
        synchronized (stderr) {
            return stderr.toString(StandardCharsets.UTF_8).strip();
        }
    }

    /** The last console lines (at most {@code n}). */
    public List<String> tail(int n) {
        synchronized (tail) {
            List<String> all = new ArrayList<>(tail);
            return List.copyOf(all.subList(Math.max(0, all.size() - n), all.size()));
        }
    }

    /** Kills qemu and anything it started, and waits (briefly) until it is gone. */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
            console.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LIVE.remove(this);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
        LIVE.remove(this);
    }

    /** The qemu processes this JVM has running now (for tests that check none is left). */
    public static int live() {
        LIVE.removeIf(q -> !q.process.isAlive());
        return LIVE.size();
    }
}
