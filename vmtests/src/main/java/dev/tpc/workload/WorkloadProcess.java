package dev.tpc.workload;

import dev.tpc.workload.WorkloadResult.Aborted;
import dev.tpc.workload.WorkloadResult.Fate;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One running step: its workload child's pid as soon as the helper reported it, its result once it
 * ended. {@link #close()} ends whatever is left of it; nothing of a step outlives its handle.
 *
 * <p>Three layers keep a step bounded: the helper's own timeout (it kills the child's process
 * group and reports {@link WorkloadResult.TimedOut}); closing the helper's standard input, which
 * makes it do the same at once ({@link #close()}); and, should the helper itself stop answering, a
 * hard timeout here that kills the helper and what descends from it ({@link Aborted}).
 */
public final class WorkloadProcess implements AutoCloseable {
    /** How long past the step's timeout the helper has to report before it is killed. */
    static final Duration HARD_GRACE = Duration.ofSeconds(10);
    /** How long the helper has to answer a close. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(5);
    /** The end of the child's output kept in the result. */
    static final int TAIL_BYTES = 64 * 1024;
    private static final int HELPER_STDERR_BYTES = 16 * 1024;

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tpc-workload-timeouts");
        t.setDaemon(true);
        return t;
    });

    private final WorkloadSpec spec;
    private final Process helper;
    private final BufferedReader reports;
    private final OutputStream control;
    private final Report report = new Report();
    private final ScheduledFuture<?> hardTimeout;
    private volatile String killedBecause;
    private String protocolError;
    private boolean eof;
    private WorkloadResult result;

    private WorkloadProcess(WorkloadSpec spec, Process helper) {
        this.spec = spec;
        this.helper = helper;
        this.reports = new BufferedReader(new InputStreamReader(helper.getInputStream(), StandardCharsets.UTF_8));
        this.control = helper.getOutputStream();
        Duration hard = spec.timeout().plus(HARD_GRACE);
        this.hardTimeout = TIMER.schedule(() -> kill("the workload helper did not report within " + hard.toMillis()
                + " ms (the step's timeout and " + HARD_GRACE.toSeconds() + " s); it was killed with its descendants"),
                hard.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts the helper, hands it the program and returns once the child exists (or could not be started). */
    static WorkloadProcess start(WorkloadSpec spec, Path binary) throws IOException {
        byte[] program = ProgramEncoder.encode(spec);
        ProcessBuilder pb = new ProcessBuilder(binary.toString());
        pb.environment().clear(); // the helper needs none; the step's own comes in the program
        pb.directory(Path.of("/").toFile());
        WorkloadProcess w = new WorkloadProcess(spec, pb.start());
        try {
            w.control.write(program);
            w.control.flush();
        } catch (IOException e) {
            // the helper is gone already: its report (or its absence) says why
        }
        synchronized (w) {
            while (w.report.pid() == 0 && !w.report.ended() && w.readLine()) {
                // until the pid or the end
            }
        }
        return w;
    }

    /** The workload child's pid (the command's, for a command); 0 when no child was created. */
    public int pid() {
        return report.pid();
    }

    /** Waits for the step to end (bounded by its timeout and the hard timeout) and returns what happened. */
    public synchronized WorkloadResult await() {
        if (result != null) {
            return result;
        }
        while (!report.ended() && readLine()) {
            // every line to the end
        }
        closeQuietly(control);
        String helperErrors = drainHelper();
        hardTimeout.cancel(false);
        Fate fate = report.fate().orElseGet(() -> new Aborted(why(helperErrors)));
        result = new WorkloadResult(report.pid(), fate, report.calls(), tail(spec.stdout()),
                join(spec.stderr().equals(spec.stdout()) ? "" : tail(spec.stderr()), helperErrors));
        return result;
    }

    /** Ends the step if it still runs (its process group is killed), and reaps the helper. Idempotent. */
    @Override
    public void close() {
        boolean running;
        synchronized (this) {
            running = result == null;
        }
        if (running) {
            // the helper watches its input: closed, it kills the step's processes and reports "aborted"
            closeQuietly(control);
            ScheduledFuture<?> backstop = TIMER.schedule(() -> kill("the workload helper did not answer a close within "
                    + CLOSE_GRACE.toSeconds() + " s; it was killed with its descendants"),
                    CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            await();
            backstop.cancel(false);
        }
    }

    /** One report line; false at the end of the helper's output. */
    private boolean readLine() {
        if (eof) {
            return false;
        }
        String line;
        try {
            line = reports.readLine();
        } catch (IOException e) {
            line = null;
        }
        if (line == null) {
            eof = true;
            return false;
        }
        if (protocolError == null) {
            try {
                report.accept(line);
            } catch (Report.ProtocolException e) {
                protocolError = e.getMessage();
                kill("the workload helper broke the protocol (" + protocolError + "); it was killed with its descendants");
            }
        }
        return true;
    }

    /** After the helper's output ended: its messages, and the helper reaped. */
    private String drainHelper() {
        String errors = "";
        try (InputStream err = helper.getErrorStream()) {
            errors = new String(err.readNBytes(HELPER_STDERR_BYTES), StandardCharsets.UTF_8);
        } catch (IOException e) {
            // nothing more to say
        }
        try {
            if (!helper.waitFor(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                kill("the workload helper did not exit after its report; it was killed with its descendants");
                helper.waitFor();
            }
        } catch (InterruptedException e) {
            kill("interrupted while waiting for the workload helper; it was killed with its descendants");
            Thread.currentThread().interrupt();
        }
        return errors;
    }

    private String why(String helperErrors) {
        if (killedBecause != null) {
            return killedBecause;
        }
        String exit = helper.isAlive() ? "still running" : "exit status " + helper.exitValue();
        String said = helperErrors.strip();
        return "the workload helper ended without a result (" + exit + ")" + (said.isEmpty() ? "" : ": " + said);
    }

    /**
     * The last resort: SIGKILL to the helper and to every process that descends from it (they
     * can only be the step's). Never this JVM, never its parent.
     */
    private void kill(String why) {
        if (!helper.isAlive()) {
            return;
        }
        if (killedBecause == null) {
            killedBecause = why;
        }
        ProcessHandle self = ProcessHandle.current();
        long parent = self.parent().map(ProcessHandle::pid).orElse(-1L);
        List<ProcessHandle> descendants = helper.descendants().toList();
        helper.destroyForcibly();
        for (ProcessHandle d : descendants) {
            if (d.pid() > 1 && d.pid() != self.pid() && d.pid() != parent) {
                d.destroyForcibly();
            }
        }
    }

    /** The end of an output file, at most {@link #TAIL_BYTES}; empty when there is none. */
    static String tail(Path file) {
        if (!Files.isRegularFile(file)) {
            return "";
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long length = f.length();
            int n = (int) Math.min(length, TAIL_BYTES);
            byte[] bytes = new byte[n];
            f.seek(length - n);
            f.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String join(String childErrors, String helperErrors) {
        if (helperErrors.isEmpty()) {
            return childErrors;
        }
        return childErrors.isEmpty() || childErrors.endsWith("\n") ? childErrors + helperErrors : childErrors + "\n" + helperErrors;
    }

    private static void closeQuietly(OutputStream out) {
        try {
            out.close();
        } catch (IOException e) {
            // the helper is gone: nothing to tell it
        }
    }
}
