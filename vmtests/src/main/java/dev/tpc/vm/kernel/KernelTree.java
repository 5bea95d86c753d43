package dev.tpc.vm.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the parts of a kernel in a tree extracted from Debian packages: the classic layout
 * ({@code boot/vmlinuz-R}, {@code boot/config-R}, {@code lib/modules/R}) and the split packaging
 * of 7.x ({@code usr/lib/modules/R/vmlinuz.unsigned}, {@code .../config}).
 */
record KernelTree(String release, Path image, Path modulesDir, Optional<Path> config) {
    static KernelTree locate(Path root) throws KernelException {
        List<Path> moduleDirs = Stream.of("lib/modules", "usr/lib/modules").map(root::resolve).filter(Files::isDirectory)
                .flatMap(KernelTree::children).filter(Files::isDirectory).sorted().toList();
        if (moduleDirs.isEmpty()) {
            throw new KernelException("no lib/modules/<release> directory in the kernel packages (" + root + ")");
        }
        Path modules = moduleDirs.get(moduleDirs.size() - 1);
        String release = modules.getFileName().toString();
        Optional<Path> image = Stream.of(root.resolve("boot/vmlinuz-" + release), modules.resolve("vmlinuz"),
                modules.resolve("vmlinuz.unsigned")).filter(Files::isRegularFile).findFirst();
        if (image.isEmpty()) {
            throw new KernelException("no kernel image (boot/vmlinuz-" + release + " or " + root.relativize(modules)
                    + "/vmlinuz*) in the kernel packages: for split packaging, give the linux-binary package too");
        }
        Optional<Path> config = Stream.of(root.resolve("boot/config-" + release), modules.resolve("config"))
                .filter(Files::isRegularFile).findFirst();
        return new KernelTree(release, image.get(), modules, config);
    }

    private static Stream<Path> children(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code CONFIG_LSM} of a kernel configuration, empty when absent. */
    static String lsm(Optional<Path> config) {
        if (config.isEmpty()) {
            return "";
        }
        try (Stream<String> lines = Files.lines(config.get())) {
            return lines.filter(l -> l.startsWith("CONFIG_LSM=\"")).map(l -> l.substring(12, l.length() - 1))
                    .findFirst().orElse("");
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }
}
