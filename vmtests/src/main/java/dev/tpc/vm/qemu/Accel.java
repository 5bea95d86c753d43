package dev.tpc.vm.qemu;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** How qemu runs the guest: KVM when {@code /dev/kvm} can be opened read-write, TCG (emulation) otherwise. */
public enum Accel {
    KVM("kvm"),
    TCG("tcg,thread=multi");

    private final String option;

    Accel(String option) {
        this.option = option;
    }

    public List<String> argv() {
        return List.of("-accel", option);
    }

    /** Opens /dev/kvm as qemu would: existence is not enough (permissions, a container without the device). */
    public static Accel detect() {
        return usable(Path.of("/dev/kvm")) ? KVM : TCG;
    }

    static boolean usable(Path device) {
        try (FileChannel c = FileChannel.open(device, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
