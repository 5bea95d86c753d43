package dev.tpc.vm.qemu;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognises the console lines that mean the guest kernel is broken: a panic, an oops, a BUG or
 * WARNING splat, a soft or hard lockup, an RCU stall, a hung task. Only kernel lines count (they
 * start with printk's {@code [ seconds.micros]} stamp), so a command that prints "BUG:" is not
 * mistaken for the kernel.
 */
public final class ConsoleClassifier {
    private static final Pattern KERNEL_FAILURE = Pattern.compile("^\\[\\s*\\d+\\.\\d+\\] (?:\\[\\s*[CT]\\d+\\] )?("
            + "Kernel panic - not syncing"
            + "|Oops: "
            + "|BUG: "
            + "|WARNING: "
            + "|watchdog: (BUG: soft lockup|Watchdog detected hard LOCKUP)"
            + "|rcu: INFO: \\S+ (self-)?detected stall"
            + "|INFO: rcu_\\S+ (self-)?detected stall"
            + "|INFO: task \\S+ blocked for more than"
            + "|general protection fault"
            + ").*");

    private ConsoleClassifier() {}

    /** The failure a console line reports, if it reports one. */
    public static Optional<String> failure(String line) {
        String l = line.strip();
        return KERNEL_FAILURE.matcher(l).matches() ? Optional.of(l) : Optional.empty();
    }

    /** Whether the line says the kernel panicked (it will reboot, i.e. qemu exits, by itself). */
    public static boolean isPanic(String line) {
        return line.contains("Kernel panic - not syncing");
    }
}
