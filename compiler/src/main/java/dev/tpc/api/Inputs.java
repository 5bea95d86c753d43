package dev.tpc.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Expands the paths of a request into the policy files they name, in a stable order. */
final class Inputs {
    private Inputs() {}

    static List<Path> expand(List<Path> inputs, Path workingDirectory) throws InvalidRequestException {
        if (inputs.isEmpty()) {
            throw new InvalidRequestException("no input given: name policy files or directories");
        }
        List<Path> files = new ArrayList<>();
        for (Path given : inputs) {
            Path p = workingDirectory.resolve(given).normalize();
            if (!Files.exists(p)) {
                throw new InvalidRequestException("no such file or directory: " + given);
            }
            if (Files.isDirectory(p)) {
                TreeSet<Path> found = new TreeSet<>();
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).filter(Inputs::isYaml).forEach(found::add);
                } catch (IOException | UncheckedIOException e) {
                    throw new InvalidRequestException("cannot list " + given + ": " + e.getMessage());
                }
                files.addAll(found);
            } else {
                files.add(p);
            }
        }
        return files.stream().distinct().toList();
    }

    static boolean isYaml(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".yaml") || n.endsWith(".yml");
    }

    /** The path as users see it: relative to the working directory when inside it, with '/'. */
    static String display(Path file, Path workingDirectory) {
        Path shown = file.startsWith(workingDirectory) ? workingDirectory.relativize(file) : file;
        return shown.toString().replace('\\', '/');
    }
}
