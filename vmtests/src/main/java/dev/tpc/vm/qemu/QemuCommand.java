package dev.tpc.vm.qemu;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The qemu command line of a tpc guest. The console is the first serial port on qemu's stdout,
 * which the host reads as it streams; there is no network, no display, no user config, no
 * default devices, and {@code -no-reboot} turns the reboot of {@code panic=-1} into an exit.
 *
 * @param qemu       the qemu-system-x86_64 binary
 * @param accel      KVM or TCG
 * @param cpus       -smp
 * @param memoryMb   -m in MiB
 * @param kernel     -kernel: an uncompressed vmlinux (PVH entry) or a bzImage
 * @param initrd     -initrd
 * @param append     the kernel command line
 * @param hostRoot   shared read-only with tag {@code hostroot} (normally /)
 * @param exchange   shared read-write with tag {@code xfer}
 */
public record QemuCommand(Path qemu, Accel accel, int cpus, int memoryMb, Path kernel, Path initrd, String append,
                          Path hostRoot, Path exchange) {
    public static final Path DEFAULT_QEMU = Path.of("/usr/bin/qemu-system-x86_64");

    public QemuCommand {
        Objects.requireNonNull(qemu, "qemu");
        Objects.requireNonNull(accel, "accel");
        if (cpus < 1 || memoryMb < 128) {
            throw new IllegalArgumentException("a guest has at least 1 cpu and 128 MiB");
        }
        for (Path p : List.of(kernel, initrd, hostRoot, exchange)) {
            if (p.toString().contains(",")) {
                // qemu's option syntax would split the path; doubling the comma escapes it, but keep it simple
                throw new IllegalArgumentException("a path given to qemu must not contain a comma: " + p);
            }
        }
    }

    public List<String> argv() {
        List<String> a = new ArrayList<>(List.of(qemu.toString(),
                "-nodefaults", "-no-user-config", "-nographic", "-no-reboot",
                "-machine", "pc"));
        a.addAll(accel.argv());
        a.addAll(List.of(
                "-cpu", accel == Accel.KVM ? "host" : "max",
                "-smp", Integer.toString(cpus),
                "-m", memoryMb + "M",
                "-serial", "stdio",
                "-nic", "none",
                "-kernel", kernel.toString(),
                "-initrd", initrd.toString(),
                "-append", append,
                "-device", "virtio-rng-pci",
                "-virtfs", "local,path=" + hostRoot + ",mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap",
                "-virtfs", "local,path=" + exchange + ",mount_tag=xfer,security_model=none"));
        return a;
    }
}
