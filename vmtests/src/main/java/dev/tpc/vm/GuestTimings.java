package dev.tpc.vm;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * When a guest reached each stage, as host wall time since qemu started and, from tpc's console
 * markers, as the guest's own uptime (which does not count qemu's start and the firmware).
 *
 * @param total                   qemu start to the end of the run
 * @param bootDone                qemu start to the guest's "boot-done" marker (mounts ready)
 * @param commandStart            qemu start to "command-start"
 * @param commandEnd              qemu start to "command-end"
 * @param guestUptimeCommandStart guest uptime in seconds when the command started
 * @param guestUptimeCommandEnd   guest uptime in seconds when the command ended
 */
public record GuestTimings(Duration total, Optional<Duration> bootDone, Optional<Duration> commandStart,
                           Optional<Duration> commandEnd, OptionalDouble guestUptimeCommandStart,
                           OptionalDouble guestUptimeCommandEnd) {}
