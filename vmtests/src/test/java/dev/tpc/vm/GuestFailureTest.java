package dev.tpc.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.vm.GuestOutcome.Ending;
import dev.tpc.vm.kernel.Kernel;
import dev.tpc.vm.qemu.QemuProcess;
import dev.tpc.vm.testing.VmTestSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Guests that fail: each is a failed kernel with console lines, fast, and leaves no qemu behind. */
class GuestFailureTest {
    private static final String PROFILE = "6.1";

    @AfterEach
    void noQemuLeft() {
        assertEquals(0, QemuProcess.live(), "a qemu process outlived its guest");
        assertTrue(qemuChildren().isEmpty(), "qemu children left: " + qemuChildren());
    }

    private static List<String> qemuChildren() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.info().command().orElse("?")).filter(c -> c.contains("qemu")).toList();
    }

    private static List<Path> exchangeDirs() throws java.io.IOException {
        try (var s = Files.list(Path.of("/var/tmp"))) {
            return new java.util.ArrayList<>(s.filter(p -> p.getFileName().toString().startsWith("tpc-vm.")).toList());
        }
    }

    private static void cleanup(GuestOutcome o) throws Exception {
        if (o.consoleLog().isPresent()) {
            Files.deleteIfExists(o.consoleLog().get());
        }
    }

    @Test
    void anAbsurdInitIsAPanicWithinSecondsNotATimeout() throws Exception {
        VmTestSupport.requireQemu();
        Kernel kernel = VmTestSupport.kernel(PROFILE);
        byte[] init = "#!/bin/sh\n/bin/busybox echo absurd init exits at once\nexit 0\n".getBytes(StandardCharsets.UTF_8);
        GuestOutcome o = Guests.run(GuestRequest.builder(kernel, List.of("/bin/true")).init(init)
                .timeout(Duration.ofMinutes(5)).build());
        System.out.println("[absurd init] " + o.summary() + " after " + o.timings().total());
        assertEquals(Ending.PANIC, o.ending(), o::summary);
        assertTrue(o.detail().contains("Attempted to kill init"), o.detail());
        assertTrue(o.consoleTail().stream().anyMatch(l -> l.contains("absurd init exits at once")), o.consoleTail()::toString);
        assertTrue(o.guestFailed());
        assertTrue(o.consoleLog().isPresent() && Files.size(o.consoleLog().get()) > 0, "the console log is kept on failure");
        cleanup(o);
    }

    @Test
    void aHangingCommandIsATimeoutWithConsoleLines() throws Exception {
        VmTestSupport.requireQemu();
        Kernel kernel = VmTestSupport.kernel(PROFILE);
        GuestOutcome o = Guests.run(GuestRequest.builder(kernel, List.of("/bin/sh", "-c", "echo hanging now; exec sleep 100000"))
                .timeout(Duration.ofSeconds(45)).build());
        System.out.println("[hang] " + o.summary() + " after " + o.timings().total());
        assertEquals(Ending.TIMEOUT, o.ending(), o::summary);
        assertTrue(o.consoleTail().stream().anyMatch(l -> l.contains("hanging now")), o.consoleTail()::toString);
        assertTrue(o.timings().commandStart().isPresent());
        assertTrue(o.exitStatus().isEmpty());
        cleanup(o);
    }

    @Test
    void anInterruptedGuestLeavesNoQemu() throws Exception {
        VmTestSupport.requireQemu();
        Kernel kernel = VmTestSupport.kernel(PROFILE);
        List<Path> before = exchangeDirs();
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                Guests.run(GuestRequest.builder(kernel, List.of("/bin/sleep", "100000")).timeout(Duration.ofMinutes(5))
                        .listener(new GuestListener() {
                            @Override
                            public void console(String line) {
                                if (line.contains("TPC-VM: command-start")) {
                                    started.countDown();
                                }
                            }
                        }).build());
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        assertTrue(started.await(3, TimeUnit.MINUTES), "the guest started its command");
        assertFalse(qemuChildren().isEmpty(), "a qemu runs while the guest does");
        t.interrupt();
        t.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(t.isAlive());
        assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
        List<Path> left = exchangeDirs();
        left.removeAll(before);
        assertEquals(List.of(), left, "the exchange directory of an interrupted guest is removed");
    }

    @Test
    void aJvmOfTheHostStartsInTheGuest() throws Exception {
        VmTestSupport.requireQemu();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (!java.startsWith("/usr/lib/jvm")) {
            java = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");
        }
        Kernel kernel = VmTestSupport.kernel(PROFILE);
        StringBuilder console = new StringBuilder();
        GuestOutcome o = Guests.run(GuestRequest.builder(kernel, List.of(java.toString(), "-version")).timeout(Duration.ofMinutes(3))
                .listener(new GuestListener() {
                    @Override
                    public void console(String line) {
                        console.append(line).append('\n');
                    }
                }).build());
        System.out.println("[java] " + o.summary() + "; command took "
                + (o.timings().guestUptimeCommandEnd().orElse(0) - o.timings().guestUptimeCommandStart().orElse(0)) + " s");
        assertTrue(o.succeeded(), () -> o.summary() + "\n" + console);
        assertTrue(console.toString().contains("OpenJDK"), console::toString);
        assertTrue(o.consoleLog().isEmpty(), "the console log is deleted on success");
    }

    @Test
    void qemuThatCannotRunIsQemuFailed() throws Exception {
        VmTestSupport.requireQemu();
        Kernel kernel = VmTestSupport.kernel(PROFILE);
        GuestOutcome missing = Guests.run(GuestRequest.builder(kernel, List.of("/bin/true"))
                .qemu(Path.of("/nonexistent/qemu-system-x86_64")).build());
        assertEquals(Ending.QEMU_FAILED, missing.ending());
        assertTrue(missing.detail().contains("cannot start"), missing.detail());
        cleanup(missing);
        GuestOutcome refused = Guests.run(GuestRequest.builder(kernel, List.of("/bin/true"))
                .kernelArgs(List.of()).memoryMb(1 << 30).build());
        System.out.println("[qemu refused] " + refused.summary());
        assertEquals(Ending.QEMU_FAILED, refused.ending(), refused::summary);
        cleanup(refused);
    }
}
