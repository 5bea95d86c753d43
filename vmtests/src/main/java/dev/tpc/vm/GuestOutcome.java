package dev.tpc.vm;

import dev.tpc.vm.qemu.Accel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How a guest ended.
 *
 * @param ending        the class of ending
 * @param exitStatus    the command's exit status (COMPLETED only)
 * @param detail        one line on why: the kernel's failure line, the reason there is no result,
 *                      qemu's error; empty for COMPLETED
 * @param accel         KVM or TCG
 * @param kernelVersion the exact version of the kernel that ran (Debian package version)
 * @param kernelRelease uname -r as the guest reported it (empty if it never got that far)
 * @param timings       stage times
 * @param consoleTail   the last console lines (about 40)
 * @param consoleLog    the whole console, kept on failure (or when asked)
 * @param qemuArgv      the qemu command line that ran
 */
public record GuestOutcome(Ending ending, OptionalInt exitStatus, String detail, Accel accel, String kernelVersion,
                           String kernelRelease, GuestTimings timings, List<String> consoleTail,
                           Optional<Path> consoleLog, List<String> qemuArgv) {
    public enum Ending {
        /** The command ran to its end; its exit status is in {@link #exitStatus()}. */
        COMPLETED,
        /** The kernel panicked, oopsed, hit a BUG/WARNING, a lockup or an RCU stall. */
        PANIC,
        /** The guest did not finish within its timeout and was killed. */
        TIMEOUT,
        /** qemu exited without the command's exit status (guest setup failed, the guest powered off early). */
        NO_RESULT,
        /** qemu could not start or refused its arguments. */
        QEMU_FAILED
    }

    public GuestOutcome {
        consoleTail = List.copyOf(consoleTail);
        qemuArgv = List.copyOf(qemuArgv);
        detail = detail == null ? "" : detail;
        kernelRelease = kernelRelease == null ? "" : kernelRelease;
    }

    /** The command ran and exited 0. */
    public boolean succeeded() {
        return ending == Ending.COMPLETED && exitStatus.orElse(-1) == 0;
    }

    /** The kernel (or the guest around it) failed: everything but COMPLETED. Never a skip. */
    public boolean guestFailed() {
        return ending != Ending.COMPLETED;
    }

    /** One line for a report: {@code COMPLETED rc=0 on 6.1.192-3 (tcg)}, {@code PANIC on ...: Kernel panic - ...}. */
    public String summary() {
        return ending + (exitStatus.isPresent() ? " rc=" + exitStatus.getAsInt() : "") + " on " + kernelVersion
                + (kernelRelease.isEmpty() ? "" : " (" + kernelRelease + ")") + ", " + accel.name().toLowerCase()
                + (detail.isEmpty() ? "" : ": " + detail);
    }
}
