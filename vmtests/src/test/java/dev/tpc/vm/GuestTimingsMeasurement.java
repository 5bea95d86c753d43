package dev.tpc.vm;

import dev.tpc.testing.Skip;
import dev.tpc.vm.kernel.Kernel;
import dev.tpc.vm.testing.VmTestSupport;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The figures of docs/performance.md ("Kernel matrix: guests"): boot to command start per kernel,
 * -smp 1 and 2. Not a test (it asserts nothing about time); runs only when asked:
 * {@code mvn -o -pl vmtests -am test -Dtest=GuestTimingsMeasurement -Dtpc.vm.measure=true -Dsurefire.failIfNoSpecifiedTests=false}
 */
class GuestTimingsMeasurement {
    @Test
    void measure() throws Exception {
        if (!Boolean.getBoolean("tpc.vm.measure")) {
            VmTestSupport.skip(Skip.Kind.ENVIRONMENT, "a measurement, not a test: run with -Dtpc.vm.measure=true");
        }
        VmTestSupport.requireQemu();
        int rounds = Integer.getInteger("tpc.vm.rounds", 3);
        System.out.println("| kernel | -smp | qemu start → command start (wall) | guest uptime at command start | whole run (wall) |");
        for (String profile : List.of("5.10", "6.1", "6.12", "7.2")) {
            Kernel k = VmTestSupport.kernel(profile);
            for (int smp : new int[] {2, 1}) {
                StringBuilder wall = new StringBuilder();
                StringBuilder up = new StringBuilder();
                StringBuilder total = new StringBuilder();
                for (int i = 0; i < rounds; i++) {
                    GuestOutcome o = Guests.run(GuestRequest.builder(k, List.of("/bin/true")).cpus(smp)
                            .keepConsole(i == 0 && smp == 2).timeout(Duration.ofMinutes(3)).build());
                    if (!o.succeeded()) {
                        throw new AssertionError(o.summary());
                    }
                    wall.append(String.format("%.1f ", o.timings().commandStart().orElseThrow().toMillis() / 1000.0));
                    up.append(String.format("%.1f ", o.timings().guestUptimeCommandStart().orElseThrow()));
                    total.append(String.format("%.1f ", o.timings().total().toMillis() / 1000.0));
                    if (o.consoleLog().isPresent()) {
                        System.out.println("console of " + profile + ": " + Files.readAllLines(o.consoleLog().get()).size()
                                + " lines, kept at " + o.consoleLog().get());
                    }
                }
                System.out.printf("| %s (%s) | %d | %s| %s| %s|%n", profile, k.version(), smp, wall, up, total);
            }
        }
    }
}
