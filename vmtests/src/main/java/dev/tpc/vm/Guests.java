package dev.tpc.vm;

import dev.tpc.vm.GuestOutcome.Ending;
import dev.tpc.vm.initramfs.Initramfs;
import dev.tpc.vm.initramfs.InitramfsException;
import dev.tpc.vm.kernel.Kernel;
import dev.tpc.vm.qemu.Accel;
import dev.tpc.vm.qemu.ConsoleClassifier;
import dev.tpc.vm.qemu.QemuCommand;
import dev.tpc.vm.qemu.QemuProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Boots a kernel in qemu and runs one command in a chroot of the host root: the public entry of
 * the guest layer. The console is watched as it streams, so that a kernel that panics, oopses or
 * stalls fails in seconds instead of at the timeout.
 */
public final class Guests {
    /** Exchange files are read up to this size. */
    public static final int MAX_EXCHANGE_FILE = 16 * 1024 * 1024;
    /** Console lines kept in the outcome. */
    public static final int TAIL = 40;
    /** After a kernel failure line, the rest of the splat (the stack trace) is waited for this long. */
    static final Duration SPLAT_GRACE = Duration.ofSeconds(2);
    /** The kernel command line every guest gets (before the kernel's required and the request's extra args). */
    public static final List<String> BASE_APPEND = List.of("console=ttyS0", "panic=-1", "oops=panic", "quiet",
            // 5, not quiet's 4: WARNING splats are printed at KERN_WARNING and must reach the console
            "loglevel=5", "printk.time=1");

    private static final Pattern MARKER = Pattern.compile("TPC-VM: (boot-done|command-start|command-end|setup-failed)(.*)");
    private static final Pattern UPTIME = Pattern.compile("uptime=([0-9.]+)");
    private static final Pattern KERNEL = Pattern.compile("kernel=(\\S+)");

    private Guests() {}

    public static GuestOutcome run(GuestRequest request) throws InterruptedException {
        Accel accel = request.accel().orElseGet(Accel::detect);
        long t0 = System.nanoTime();
        Kernel kernel = request.kernel();
        Path initrd;
        try {
            initrd = request.init().isPresent()
                    ? Initramfs.build(kernel.release(), kernel.version(), kernel.modulesDir(), kernel.config(),
                            Initramfs.HOST_BUSYBOX, Initramfs.GUEST_MODULES, request.init().get(), request.initramfsCache())
                    : Initramfs.forKernel(kernel, request.initramfsCache());
        } catch (InitramfsException e) {
            return failedToStart(request, accel, e.getMessage(), List.of(), t0);
        }
        Exchange exchange;
        try {
            exchange = Exchange.create(request.workDir(), request.command(), request.environment(), request.inputs());
        } catch (IOException e) {
            return failedToStart(request, accel, "cannot create the exchange directory in " + request.workDir() + ": "
                    + e.getMessage(), List.of(), t0);
        }
        try {
            List<String> append = new ArrayList<>(BASE_APPEND);
            append.add("tpc.xfer=" + exchange.dir());
            append.addAll(kernel.requiredArgs());
            append.addAll(request.kernelArgs());
            QemuCommand command;
            try {
                command = new QemuCommand(request.qemu(), accel, request.cpus(), request.memoryMb(),
                        kernel.bootImage(), initrd, String.join(" ", append), Path.of("/"), exchange.dir());
            } catch (IllegalArgumentException e) {
                return failedToStart(request, accel, e.getMessage(), List.of(), t0);
            }
            return new Run(request, accel, command, exchange).run();
        } finally {
            if (!request.keepExchange()) {
                exchange.close();
            }
        }
    }

    private static GuestOutcome failedToStart(GuestRequest r, Accel accel, String why, List<String> argv, long t0) {
        return new GuestOutcome(Ending.QEMU_FAILED, OptionalInt.empty(), why, accel, r.kernel().version(), "",
                new GuestTimings(Duration.ofNanos(System.nanoTime() - t0), Optional.empty(), Optional.empty(),
                        Optional.empty(), OptionalDouble.empty(), OptionalDouble.empty()),
                List.of(), Optional.empty(), argv);
    }

    /** The state of one running guest, read from its console. */
    private static final class Run {
        private final GuestRequest request;
        private final Accel accel;
        private final QemuCommand command;
        private final Exchange exchange;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private long t0;
        private Duration bootDone;
        private Duration commandStart;
        private Duration commandEnd;
        private OptionalDouble uptimeStart = OptionalDouble.empty();
        private OptionalDouble uptimeEnd = OptionalDouble.empty();
        private String release = "";
        private String setupFailure;
        private String kernelFailure;
        private long kernelFailureAt;

        Run(GuestRequest request, Accel accel, QemuCommand command, Exchange exchange) {
            this.request = request;
            this.accel = accel;
            this.command = command;
            this.exchange = exchange;
        }

        GuestOutcome run() throws InterruptedException {
            try {
                return runLogged();
            } catch (InterruptedException | RuntimeException e) {
                // no outcome to name the log in: the caller gave up on this guest
                deleteQuietly(consoleLog);
                throw e;
            }
        }

        private Path consoleLog;

        private GuestOutcome runLogged() throws InterruptedException {
            Path log;
            try {
                log = Files.createTempFile(request.workDir(), "tpc-vm-console.", ".log");
                consoleLog = log;
            } catch (IOException e) {
                return failedToStart(request, accel, "cannot create the console log in " + request.workDir() + ": "
                        + e.getMessage(), command.argv(), System.nanoTime());
            }
            t0 = System.nanoTime();
            long deadline = t0 + request.timeout().toNanos();
            QemuProcess qemu;
            try {
                qemu = QemuProcess.start(command, log, lines::add);
            } catch (IOException e) {
                return finish(Ending.QEMU_FAILED, OptionalInt.empty(), "cannot start " + command.qemu() + ": " + e.getMessage()
                        + " (install qemu-system-x86)", List.of(), log, true);
            }
            try (qemu) {
                Ending ending = null;
                long nextScan = 0;
                while (ending == null) {
                    String line = lines.poll(100, TimeUnit.MILLISECONDS);
                    for (; line != null; line = lines.poll()) {
                        see(line);
                    }
                    long now = System.nanoTime();
                    if (now >= nextScan) {
                        report(false);
                        nextScan = now + TimeUnit.MILLISECONDS.toNanos(300);
                    }
                    if (kernelFailure != null && (now - kernelFailureAt > SPLAT_GRACE.toNanos() || !qemu.isAlive())) {
                        ending = Ending.PANIC;
                    } else if (!qemu.isAlive()) {
                        qemu.waitFor(Duration.ofSeconds(5)); // drains the rest of the console
                        ending = Ending.NO_RESULT; // decided below, after the last lines
                    } else if (now > deadline) {
                        ending = Ending.TIMEOUT;
                    }
                }
                qemu.kill();
                for (String line = lines.poll(); line != null; line = lines.poll()) {
                    see(line);
                }
                report(true);
                List<String> tail = qemu.tail(TAIL);
                if (ending == Ending.TIMEOUT) {
                    return finish(ending, OptionalInt.empty(), "no end within " + request.timeout().toSeconds() + " s"
                            + stage(), tail, log, true);
                }
                if (kernelFailure != null) {
                    return finish(Ending.PANIC, OptionalInt.empty(), kernelFailure, tail, log, true);
                }
                OptionalInt rc = exchange.exitStatus();
                if (rc.isPresent() && commandEnd != null) {
                    return finish(Ending.COMPLETED, rc, "", tail, log, request.keepConsole() || rc.getAsInt() != 0);
                }
                int exit = qemu.exitCode().orElse(-1);
                if (bootDone == null && setupFailure == null && exit != 0) {
                    String err = qemu.stderr();
                    return finish(Ending.QEMU_FAILED, OptionalInt.empty(), "qemu exited with status " + exit
                            + (err.isEmpty() ? "" : ": " + err.lines().findFirst().orElse("")), tail, log, true);
                }
                String why = setupFailure != null ? "guest setup failed: " + setupFailure
                        : "qemu exited (status " + exit + ") without the command's exit status" + stage();
                return finish(Ending.NO_RESULT, OptionalInt.empty(), why, tail, log, true);
            }
        }

        private static void deleteQuietly(Path p) {
            if (p != null) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // named tpc-vm-console.*, under the work directory
                }
            }
        }

        private String stage() {
            return commandStart != null ? " (the command had started)" : bootDone != null ? " (after boot)"
                    : " (the guest never finished booting)";
        }

        private void see(String line) {
            try {
                request.listener().console(line);
            } catch (RuntimeException e) {
                // the listener's problem, not the guest's
            }
            if (kernelFailure == null) {
                Optional<String> failure = ConsoleClassifier.failure(line);
                if (failure.isPresent()) {
                    kernelFailure = failure.get();
                    kernelFailureAt = System.nanoTime();
                    return;
                }
            }
            Matcher m = MARKER.matcher(line);
            if (!m.find()) {
                return;
            }
            Duration at = Duration.ofNanos(System.nanoTime() - t0);
            String rest = m.group(2);
            Matcher up = UPTIME.matcher(rest);
            OptionalDouble uptime = up.find() ? OptionalDouble.of(Double.parseDouble(up.group(1))) : OptionalDouble.empty();
            switch (m.group(1)) {
                case "boot-done" -> {
                    bootDone = at;
                    Matcher k = KERNEL.matcher(rest);
                    release = k.find() ? k.group(1) : "";
                }
                case "command-start" -> {
                    commandStart = at;
                    uptimeStart = uptime;
                }
                case "command-end" -> {
                    commandEnd = at;
                    uptimeEnd = uptime;
                }
                default -> setupFailure = rest.strip();
            }
        }

        private void report(boolean ended) {
            for (ExchangeFile f : exchange.newFiles(ended)) {
                try {
                    request.listener().exchangeFile(f);
                } catch (RuntimeException e) {
                    // as above
                }
            }
        }

        private GuestOutcome finish(Ending ending, OptionalInt rc, String detail, List<String> tail, Path log, boolean keep) {
            Optional<Path> kept = Optional.of(log);
            if (!keep) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException e) {
                    // left behind under the work directory, named tpc-vm-console.*
                }
                kept = Optional.empty();
            }
            GuestTimings timings = new GuestTimings(Duration.ofNanos(System.nanoTime() - t0), Optional.ofNullable(bootDone),
                    Optional.ofNullable(commandStart), Optional.ofNullable(commandEnd), uptimeStart, uptimeEnd);
            return new GuestOutcome(ending, rc, detail, accel, request.kernel().version(), release, timings, tail, kept,
                    command.argv());
        }
    }
}
