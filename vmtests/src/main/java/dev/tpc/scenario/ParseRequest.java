package dev.tpc.scenario;

import dev.tpc.target.Arch;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What to parse: one {@code .tps} file.
 *
 * @param file    the scenario file; relative policy paths resolve against its directory
 * @param shownAs how findings and reports name the file
 * @param text    the file's text, when the caller has it already (then {@code file} is not read)
 * @param arch    the architecture system calls are numbered for, unless a scenario says {@code arch}
 * @param limits  bounds on the file's size and structure
 */
public record ParseRequest(Path file, String shownAs, Optional<String> text, Arch arch, Limits limits) {
    public ParseRequest {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(shownAs, "shownAs");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(limits, "limits");
    }

    /** The file, shown by its name as given, for x86_64, with the default limits. */
    public static ParseRequest of(Path file) {
        return new ParseRequest(file, file.toString(), Optional.empty(), Arch.X86_64, Limits.DEFAULT);
    }

    public ParseRequest withText(String newText) {
        return new ParseRequest(file, shownAs, Optional.of(newText), arch, limits);
    }

    public ParseRequest withShownAs(String name) {
        return new ParseRequest(file, name, text, arch, limits);
    }

    public ParseRequest withArch(Arch newArch) {
        return new ParseRequest(file, shownAs, text, newArch, limits);
    }

    public ParseRequest withLimits(Limits newLimits) {
        return new ParseRequest(file, shownAs, text, arch, newLimits);
    }

    /**
     * Bounds that keep parsing a hostile file cheap; a file beyond one gets a diagnostic (TS0003,
     * TS0005), never an exception.
     *
     * @param maxBytes        the file's size
     * @param maxScenarios    scenarios in a file
     * @param maxSteps        steps in a scenario
     * @param maxItems        calls, argv strings, conditions of an event, setup entries: items of one list
     * @param maxStringBytes  one string literal, once its escapes are read
     * @param maxFindings     findings reported before the parser gives up
     */
    public record Limits(int maxBytes, int maxScenarios, int maxSteps, int maxItems, int maxStringBytes, int maxFindings) {
        public static final Limits DEFAULT = new Limits(256 * 1024, 256, 256, 256, 64 * 1024, 100);

        public Limits {
            if (maxBytes < 1 || maxScenarios < 1 || maxSteps < 1 || maxItems < 1 || maxStringBytes < 1 || maxFindings < 1) {
                throw new IllegalArgumentException("every limit is at least 1: " + maxBytes + ", " + maxScenarios + ", " + maxSteps
                        + ", " + maxItems + ", " + maxStringBytes + ", " + maxFindings);
            }
        }

        public Limits withMaxBytes(int n) {
            return new Limits(n, maxScenarios, maxSteps, maxItems, maxStringBytes, maxFindings);
        }

        public Limits withMaxScenarios(int n) {
            return new Limits(maxBytes, n, maxSteps, maxItems, maxStringBytes, maxFindings);
        }

        public Limits withMaxSteps(int n) {
            return new Limits(maxBytes, maxScenarios, n, maxItems, maxStringBytes, maxFindings);
        }

        public Limits withMaxItems(int n) {
            return new Limits(maxBytes, maxScenarios, maxSteps, n, maxStringBytes, maxFindings);
        }

        public Limits withMaxStringBytes(int n) {
            return new Limits(maxBytes, maxScenarios, maxSteps, maxItems, n, maxFindings);
        }

        public Limits withMaxFindings(int n) {
            return new Limits(maxBytes, maxScenarios, maxSteps, maxItems, maxStringBytes, n);
        }
    }
}
