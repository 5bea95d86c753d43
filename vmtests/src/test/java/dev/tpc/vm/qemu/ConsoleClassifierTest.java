package dev.tpc.vm.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleClassifierTest {
    @Test
    void kernelFailureLinesAreRecognisedAndCommandOutputIsNot() {
        for (String l : List.of(
                "[    2.314343] Kernel panic - not syncing: Attempted to kill init! exitcode=0x00000000",
                "[   12.000001] BUG: kernel NULL pointer dereference, address: 0000000000000000",
                "[    3.5] Oops: general protection fault, probably for non-canonical address",
                "[  100.123456] WARNING: CPU: 1 PID: 123 at kernel/bpf/verifier.c:1234 check_x+0x1/0x2",
                "[   52.000000] watchdog: BUG: soft lockup - CPU#0 stuck for 26s! [java:200]",
                "[   60.000000] rcu: INFO: rcu_preempt self-detected stall on CPU",
                "[  243.1] INFO: task java:77 blocked for more than 120 seconds.")) {
            assertTrue(ConsoleClassifier.failure(l).isPresent(), l);
        }
        for (String l : List.of("BUG: this is a test printing BUG:", "WARNING: the command said so",
                "TPC-VM: command-start uptime=3.1", "[    0.000000] Linux version 6.1.0-57-amd64",
                "[    1.2] systemd says: everything fine")) {
            assertTrue(ConsoleClassifier.failure(l).isEmpty(), l);
        }
    }

    @Test
    void theCommandLineIsTheOneDocumented() {
        QemuCommand c = new QemuCommand(QemuCommand.DEFAULT_QEMU, Accel.TCG, 2, 1024, Path.of("/k/vmlinux"),
                Path.of("/k/initrd.gz"), "console=ttyS0 panic=-1", Path.of("/"), Path.of("/var/tmp/tpc-vm.1"));
        assertEquals(String.join(" ", "/usr/bin/qemu-system-x86_64 -nodefaults -no-user-config -nographic -no-reboot",
                "-machine pc -accel tcg,thread=multi -cpu max -smp 2 -m 1024M -serial stdio -nic none",
                "-kernel /k/vmlinux -initrd /k/initrd.gz -append console=ttyS0 panic=-1 -device virtio-rng-pci",
                "-virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap",
                "-virtfs local,path=/var/tmp/tpc-vm.1,mount_tag=xfer,security_model=none"), String.join(" ", c.argv()));
        assertEquals(List.of("-accel", "kvm"), Accel.KVM.argv());
        assertEquals(Accel.TCG, Accel.usable(Path.of("/nonexistent/kvm")) ? Accel.KVM : Accel.TCG);
    }
}
