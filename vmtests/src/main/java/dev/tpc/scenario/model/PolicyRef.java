package dev.tpc.scenario.model;

import dev.tpc.diag.SourceSpan;
import java.nio.file.Path;

/**
 * A policy under test: a TracingPolicy YAML file or a compiled bundle ({@code .tpb}).
 *
 * @param path    resolved against the scenario file's directory, absolute and normalised
 * @param written as written in the scenario
 */
public record PolicyRef(Path path, String written, SourceSpan span) {
    public boolean isBundle() {
        return path.getFileName().toString().endsWith(".tpb");
    }
}
