package dev.tpc.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.vm.kernel.Kernel;
import dev.tpc.vm.qemu.QemuProcess;
import dev.tpc.vm.testing.VmTestSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Boots each of the four Debian kernels and runs a command in the chroot of the host root. */
class GuestBootTest {
    @AfterEach
    void noQemuLeft() {
        assertEquals(0, QemuProcess.live(), "a qemu process outlived its guest");
    }

    @ParameterizedTest(name = "kernel {0}")
    @ValueSource(strings = {"5.10", "6.1", "6.12", "7.2"})
    void bootsAndRunsACommandThatWritesIntoTheExchangeDirectory(String profile) throws Exception {
        VmTestSupport.requireQemu();
        Kernel kernel = VmTestSupport.kernel(profile);
        Map<String, String> files = new ConcurrentHashMap<>();
        GuestOutcome o = Guests.run(GuestRequest.builder(kernel, List.of("/bin/sh", "-c",
                        // records are written under a dot name and renamed, as the guest agent writes them
                        "put() { cat > .$1.part && mv .$1.part $1; };"
                                + " uname -r | put release.txt; put cmdline.txt < /proc/cmdline;"
                                + " mount | grep -E ' (/sys/fs/cgroup|/sys/fs/bpf|/sys/kernel/tracing|/boot) ' | cut -d' ' -f3,5 | put mounts.txt;"
                                + " ls /boot | put boot.txt; echo \"$GREETING from $(pwd)\" | put hello.txt; touch .hidden; exit 3"))
                .env("GREETING", "it's me")
                .timeout(Duration.ofMinutes(3))
                .listener(new GuestListener() {
                    @Override
                    public void exchangeFile(ExchangeFile f) {
                        files.put(f.name(), new String(f.content(), StandardCharsets.UTF_8).strip());
                    }
                })
                .build());
        System.out.printf("[guest %s] %s; qemu->command-start %s, guest uptime at command %.2f s, total %s%n", profile,
                o.summary(), o.timings().commandStart().orElse(null), o.timings().guestUptimeCommandStart().orElse(-1),
                o.timings().total());
        assertEquals(GuestOutcome.Ending.COMPLETED, o.ending(), () -> o.summary() + "\n" + String.join("\n", o.consoleTail()));
        assertEquals(3, o.exitStatus().getAsInt(), "the command's exit status comes back");
        assertEquals(kernel.release(), files.get("release.txt"), "uname -r in the guest");
        assertEquals(kernel.release(), o.kernelRelease());
        assertEquals(kernel.version(), o.kernelVersion());
        assertEquals("it's me from " + o.qemuArgv().stream().filter(a -> a.startsWith("local,path=/var/tmp/"))
                .map(a -> a.substring(11, a.indexOf(',', 11))).findFirst().orElseThrow(), files.get("hello.txt"),
                "clean environment plus the request's, cwd the exchange directory at the host's path");
        assertTrue(files.get("mounts.txt").contains("/sys/fs/cgroup cgroup2"), files.get("mounts.txt"));
        assertTrue(files.get("mounts.txt").contains("/sys/fs/bpf bpf"), files.get("mounts.txt"));
        assertTrue(files.get("mounts.txt").contains("/sys/kernel/tracing tracefs"), files.get("mounts.txt"));
        assertEquals("config-" + kernel.release(), files.get("boot.txt"));
        assertTrue(!files.containsKey(".hidden"), "dot files are not reported");
        if (!kernel.requiredArgs().isEmpty()) {
            assertTrue(files.get("cmdline.txt").contains(kernel.requiredArgs().get(0)), files.get("cmdline.txt"));
        }
        // a non-zero exit keeps the console log for the user to read
        assertTrue(o.consoleLog().isPresent() && Files.isRegularFile(o.consoleLog().get()));
        Files.delete(o.consoleLog().get());
    }
}
