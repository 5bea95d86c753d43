package dev.tpc.vm.kernel;

import dev.tpc.target.DebianKernel;
import dev.tpc.target.TargetProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** Where a kernel comes from: a named profile's Debian packages, or a kernel of the user's own. */
public sealed interface KernelSource {
    /** A profile's Debian packages, resolved to the newest version in its suite. */
    record Named(String profile, DebianKernel debian) implements KernelSource {
        public Named {
            Objects.requireNonNull(profile, "profile");
            Objects.requireNonNull(debian, "debian");
        }
    }

    /** Kernel .deb files of the user's (split packaging: the binary, modules and base packages together). */
    record Debs(List<Path> debs) implements KernelSource {
        public Debs {
            debs = List.copyOf(debs);
            if (debs.isEmpty()) {
                throw new IllegalArgumentException("at least one .deb");
            }
        }
    }

    /** A kernel image and the modules directory of the same build ({@code .../lib/modules/<release>}). */
    record Image(Path image, Path modulesDir) implements KernelSource {
        public Image {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(modulesDir, "modulesDir");
        }
    }

    /** A directory holding an extracted kernel package tree ({@code boot/}, {@code lib/modules/}). */
    record Tree(Path root) implements KernelSource {
        public Tree {
            Objects.requireNonNull(root, "root");
        }
    }

    /** The Debian kernel of a named profile; profiles written by {@code tpc probe} have none. */
    static KernelSource of(TargetProfile profile) throws KernelException {
        return new Named(profile.name(), profile.debian().orElseThrow(() -> new KernelException("target profile "
                + profile.name() + " names no Debian kernel (its file has no debian key); give a kernel with --kernel PATH")));
    }

    /**
     * What a user's {@code --kernel PATH} means: one or more {@code .deb} files (comma-separated),
     * an extracted package tree, or {@code IMAGE,MODULES_DIR}.
     */
    static KernelSource parse(String argument) throws KernelException {
        List<Path> paths = List.of(argument.split(",")).stream().map(String::strip).filter(s -> !s.isEmpty()).map(Path::of).toList();
        if (paths.isEmpty()) {
            throw new KernelException("--kernel needs a path: a .deb, an extracted kernel tree, or IMAGE,MODULES_DIR");
        }
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new KernelException("--kernel " + p + ": no such file or directory");
            }
        }
        if (paths.stream().allMatch(p -> p.getFileName().toString().endsWith(".deb") && Files.isRegularFile(p))) {
            return new Debs(paths);
        }
        if (paths.size() == 1 && Files.isDirectory(paths.get(0))) {
            return new Tree(paths.get(0));
        }
        if (paths.size() == 2 && Files.isRegularFile(paths.get(0)) && Files.isDirectory(paths.get(1))) {
            return new Image(paths.get(0), paths.get(1));
        }
        throw new KernelException("--kernel " + argument + ": expected .deb files, an extracted kernel tree,"
                + " or IMAGE,MODULES_DIR (a kernel image and its lib/modules/<release> directory)");
    }
}
