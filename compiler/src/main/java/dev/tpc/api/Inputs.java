package dev.tpc.api;

import dev.tpc.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

/** Expands the paths of a request into the policy files they name, in a stable order. */
final class Inputs {
    private Inputs() {}

    /**
     * One input: a policy file to read, or a place a directory walk could not read, with the
     * reason. Such places are reported as findings rather than skipped (the user would believe
     * the policies in them were checked) or fatal (one locked folder would hide every result).
     */
    record Input(Path path, Optional<String> problem) {}

    static List<Input> expand(List<Path> inputs, Path workingDirectory) throws InvalidRequestException {
        if (inputs.isEmpty()) {
            throw new InvalidRequestException(InvalidRequestException.Field.INPUTS, "no input given: name policy files or directories");
        }
        List<Input> found = new ArrayList<>();
        for (Path given : inputs) {
            Path p = workingDirectory.resolve(given).normalize();
            if (!Files.exists(p)) {
                if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    throw new InvalidRequestException(InvalidRequestException.Field.INPUTS, given + " is " + YamlReader.BROKEN_LINK);
                }
                throw new InvalidRequestException(InvalidRequestException.Field.INPUTS, "no such file or directory: " + given);
            }
            if (Files.isDirectory(p)) {
                found.addAll(walk(p, given));
            } else {
                found.add(new Input(p, Optional.empty()));
            }
        }
        List<Input> distinct = new ArrayList<>();
        java.util.Set<Path> seen = new java.util.HashSet<>();
        for (Input i : found) {
            if (seen.add(i.path())) {
                distinct.add(i);
            }
        }
        return distinct;
    }

    /** The *.yaml and *.yml files below a directory (links to files included, links to folders not followed). */
    private static List<Input> walk(Path root, Path given) throws InvalidRequestException {
        TreeMap<Path, Input> found = new TreeMap<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (!isYaml(file)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (attrs.isRegularFile() || Files.isRegularFile(file)) {
                        found.put(file, new Input(file, Optional.empty()));
                    } else if (attrs.isSymbolicLink() && !Files.exists(file)) {
                        found.put(file, new Input(file, Optional.of(YamlReader.BROKEN_LINK)));
                    } else if (!attrs.isDirectory() && !Files.isDirectory(file)) {
                        found.put(file, new Input(file, Optional.of("not a regular file")));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    found.put(file, new Input(file, Optional.of(YamlReader.whyUnreadable(e))));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | RuntimeException e) {
            throw new InvalidRequestException(InvalidRequestException.Field.INPUTS, "cannot list " + given + ": " + YamlReader.whyUnreadable(e));
        }
        return List.copyOf(found.values());
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
