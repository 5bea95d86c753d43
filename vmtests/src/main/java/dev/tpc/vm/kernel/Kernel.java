package dev.tpc.vm.kernel;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A kernel ready to boot: where it came from, its exact version, and the files the guest needs.
 *
 * @param name       the profile name ({@code 6.1}) or, for a user kernel, what the user gave
 * @param source     where it came from: {@code debian bookworm-security}, {@code user .deb}, {@code user image}
 * @param packages   the Debian packages it was extracted from (empty for an image given by the user)
 * @param version    the exact version: the Debian package version ({@code 6.1.192-3}), or the release
 *                   for a user image without package
 * @param release    {@code uname -r} in the guest ({@code 6.1.0-57-amd64}): the modules directory's name
 * @param image      the kernel image as packaged (bzImage)
 * @param vmlinux    the uncompressed ELF kernel, when it could be extracted: qemu boots it through PVH
 *                   without the in-guest decompression (~3 s for XZ images under TCG)
 * @param modulesDir {@code .../lib/modules/<release>}
 * @param config     the kernel's build configuration, when the packages ship it
 * @param lsm        {@code CONFIG_LSM} from the configuration, empty when unknown
 */
public record Kernel(String name, String source, List<String> packages, String version, String release, Path image,
                     Optional<Path> vmlinux, Path modulesDir, Optional<Path> config, String lsm) {
    public Kernel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(modulesDir, "modulesDir");
        packages = List.copyOf(packages);
        vmlinux = vmlinux == null ? Optional.empty() : vmlinux;
        config = config == null ? Optional.empty() : config;
        lsm = lsm == null ? "" : lsm;
    }

    /** What qemu's {@code -kernel} gets: the uncompressed vmlinux when there is one. */
    public Path bootImage() {
        return vmlinux.orElse(image);
    }

    /**
     * Kernel arguments this kernel needs for tpc: {@code lsm=<CONFIG_LSM>,bpf} when the BPF LSM is
     * built but not in the default list (Debian's 5.10), so that lsm programs fire.
     */
    public List<String> requiredArgs() {
        if (lsm.isEmpty() || List.of(lsm.split(",")).contains("bpf")) {
            return List.of();
        }
        return List.of("lsm=" + lsm + ",bpf");
    }

    /** One line for reports: {@code linux-image-6.1.0-57-amd64-unsigned 6.1.192-3 (6.1.0-57-amd64)}. */
    public String describe() {
        String what = packages.isEmpty() ? image.toString() : String.join(" + ", packages);
        return what + " " + version + (version.equals(release) ? "" : " (" + release + ")");
    }
}
