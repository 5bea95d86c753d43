package dev.tpc.vm;

import dev.tpc.vm.kernel.Kernel;
import dev.tpc.vm.kernel.KernelStore;
import dev.tpc.vm.qemu.Accel;
import dev.tpc.vm.qemu.QemuCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One guest to run: a kernel, and a command to run inside a chroot of the host root.
 *
 * @param kernel         the kernel to boot
 * @param command        argv inside the guest (absolute paths of the host, which the guest sees read-only)
 * @param environment    variables for the command, on top of a clean PATH, HOME, TERM, LANG, TPC_XFER
 * @param inputs         files copied into the exchange directory before boot: name there → host file
 * @param timeout        hard limit from qemu start to the end; the guest is killed then
 * @param cpus           -smp
 * @param memoryMb       -m in MiB
 * @param kernelArgs     extra kernel command line arguments
 * @param keepConsole    keep the console log even when the run succeeded
 * @param keepExchange   keep the exchange directory after the run (for debugging)
 * @param listener       console lines and exchange files as they appear
 * @param initramfsCache where built initramfs images are cached
 * @param qemu           the qemu-system-x86_64 binary
 * @param accel          KVM or TCG; empty: KVM when /dev/kvm is usable
 * @param workDir        where the exchange directory and the console log are created (not under
 *                       /tmp: the guest mounts a tmpfs there)
 * @param init           a different /init for the initramfs (tests of broken guests); empty: tpc's own
 */
public record GuestRequest(Kernel kernel, List<String> command, Map<String, String> environment, Map<String, Path> inputs,
                           Duration timeout, int cpus, int memoryMb, List<String> kernelArgs, boolean keepConsole,
                           boolean keepExchange, GuestListener listener, Path initramfsCache, Path qemu,
                           Optional<Accel> accel, Path workDir, Optional<byte[]> init) {
    /**
     * One vCPU: under TCG a guest boots as fast or faster with one (docs/performance.md), a JVM in
     * it starts ~5 % slower than with two, and two guests at once fit a 2-core host. Ask for 2
     * when one guest runs alone and its workload is JVM-heavy.
     */
    public static final int DEFAULT_CPUS = 1;
    /** Enough for a JVM (default heap a quarter of it) plus tpc's runtime; qemu's RSS stays ~0.3-0.7 GB. */
    public static final int DEFAULT_MEMORY_MB = 1024;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    public static final Path DEFAULT_WORK_DIR = Path.of("/var/tmp");

    public GuestRequest {
        Objects.requireNonNull(kernel, "kernel");
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a guest runs a command");
        }
        environment = Map.copyOf(environment);
        inputs = Map.copyOf(inputs);
        kernelArgs = List.copyOf(kernelArgs);
        Objects.requireNonNull(timeout, "timeout");
        listener = listener == null ? GuestListener.NONE : listener;
        accel = accel == null ? Optional.empty() : accel;
        init = init == null ? Optional.empty() : init.map(byte[]::clone);
        for (String k : environment.keySet()) {
            if (!k.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("not an environment variable name: " + k);
            }
        }
        for (String name : inputs.keySet()) {
            if (name.isEmpty() || name.startsWith(".") || name.contains("/")) {
                throw new IllegalArgumentException("an input is a plain file name in the exchange directory: " + name);
            }
        }
    }

    public static Builder builder(Kernel kernel, List<String> command) {
        return new Builder(kernel, command);
    }

    public static final class Builder {
        private final Kernel kernel;
        private final List<String> command;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final Map<String, Path> inputs = new LinkedHashMap<>();
        private Duration timeout = DEFAULT_TIMEOUT;
        private int cpus = DEFAULT_CPUS;
        private int memoryMb = DEFAULT_MEMORY_MB;
        private List<String> kernelArgs = List.of();
        private boolean keepConsole;
        private boolean keepExchange;
        private GuestListener listener = GuestListener.NONE;
        private Path initramfsCache = KernelStore.defaultCache(System.getenv()).resolve("initramfs");
        private Path qemu = QemuCommand.DEFAULT_QEMU;
        private Optional<Accel> accel = Optional.empty();
        private Path workDir = DEFAULT_WORK_DIR;
        private Optional<byte[]> init = Optional.empty();

        private Builder(Kernel kernel, List<String> command) {
            this.kernel = kernel;
            this.command = command;
        }

        public Builder env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        public Builder input(String name, Path hostFile) {
            inputs.put(name, hostFile);
            return this;
        }

        public Builder timeout(Duration t) {
            timeout = t;
            return this;
        }

        public Builder cpus(int n) {
            cpus = n;
            return this;
        }

        public Builder memoryMb(int mb) {
            memoryMb = mb;
            return this;
        }

        public Builder kernelArgs(List<String> args) {
            kernelArgs = args;
            return this;
        }

        public Builder keepConsole(boolean keep) {
            keepConsole = keep;
            return this;
        }

        public Builder keepExchange(boolean keep) {
            keepExchange = keep;
            return this;
        }

        public Builder listener(GuestListener l) {
            listener = l;
            return this;
        }

        public Builder initramfsCache(Path dir) {
            initramfsCache = dir;
            return this;
        }

        public Builder qemu(Path binary) {
            qemu = binary;
            return this;
        }

        public Builder accel(Accel a) {
            accel = Optional.ofNullable(a);
            return this;
        }

        public Builder workDir(Path dir) {
            workDir = dir;
            return this;
        }

        public Builder init(byte[] script) {
            init = Optional.ofNullable(script);
            return this;
        }

        public GuestRequest build() {
            return new GuestRequest(kernel, command, environment, inputs, timeout, cpus, memoryMb, kernelArgs, keepConsole,
                    keepExchange, listener, initramfsCache, qemu, accel, workDir, init);
        }
    }
}
