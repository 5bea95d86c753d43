package dev.tpc.scenario.run;

import dev.tpc.scenario.ParseRequest;
import dev.tpc.scenario.ParsedScenarios;
import dev.tpc.scenario.Scenarios;
import dev.tpc.scenario.model.ScenarioFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The scenario files a front end names (files, and directories searched for {@code *.tps}),
 * parsed. What a run takes, and what it reports before running anything: a path that does not
 * exist (a usage mistake) or a file with errors (rendered as diagnostics).
 */
public final class ScenarioSources {
    private ScenarioSources() {
    }

    /**
     * @param parsed     every file's parse, in input order, for rendering its diagnostics
     * @param usageError an input that does not exist, or no scenario file found
     */
    public record Loaded(List<ScenarioFile> files, List<ParsedScenarios> parsed, Optional<String> usageError) {
        public Loaded {
            files = List.copyOf(files);
            parsed = List.copyOf(parsed);
        }

        public boolean hasErrors() {
            return parsed.stream().anyMatch(ParsedScenarios::hasErrors);
        }

        /** Every file's findings (errors and warnings) as text with the source line and a caret. */
        public String renderDiagnostics(boolean color) {
            StringBuilder sb = new StringBuilder();
            for (ParsedScenarios p : parsed) {
                if (!p.diagnostics().isEmpty()) {
                    sb.append(p.renderText(color));
                }
            }
            return sb.toString();
        }
    }

    public static Loaded load(List<Path> inputs, Path workingDirectory) {
        List<Path> files = new ArrayList<>();
        for (Path given : inputs) {
            Path p = workingDirectory.resolve(given).normalize();
            if (!Files.exists(p)) {
                return new Loaded(List.of(), List.of(), Optional.of("no such file or directory: " + given));
            }
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".tps")).sorted()
                            .forEach(files::add);
                } catch (IOException | UncheckedIOException e) {
                    return new Loaded(List.of(), List.of(), Optional.of("cannot read the directory " + given + ": "
                            + e.getMessage()));
                }
            } else {
                files.add(p);
            }
        }
        if (files.isEmpty()) {
            return new Loaded(List.of(), List.of(), Optional.of("no scenario file (*.tps) in " + inputs));
        }
        List<ParsedScenarios> parsed = new ArrayList<>();
        List<ScenarioFile> ok = new ArrayList<>();
        for (Path f : files) {
            ParsedScenarios p = Scenarios.parse(ParseRequest.of(f).withShownAs(shown(f, workingDirectory)));
            parsed.add(p);
            p.file().ifPresent(ok::add);
        }
        return new Loaded(ok, parsed, Optional.empty());
    }

    static String shown(Path file, Path workingDirectory) {
        Path base = workingDirectory.toAbsolutePath().normalize();
        Path abs = file.toAbsolutePath().normalize();
        return (abs.startsWith(base) ? base.relativize(abs) : abs).toString();
    }
}
