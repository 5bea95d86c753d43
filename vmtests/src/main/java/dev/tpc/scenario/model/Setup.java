package dev.tpc.scenario.model;

import dev.tpc.diag.SourceSpan;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the runner prepares before the first step, all of it under the scenario's own scratch
 * directory, which the runner creates empty and deletes afterwards.
 *
 * @param files   files to create, relative to the scratch directory
 * @param copies  binaries copied into the scratch directory under a name of the scenario's choosing
 * @param env     the whole environment of every step's process (nothing is inherited from the runner)
 * @param user    the user every step runs as (default: the runner's)
 * @param group   the group every step runs as (default: the user's primary group, else the runner's)
 * @param workdir the working directory of every step, relative to the scratch directory (default: it)
 */
public record Setup(List<FileSpec> files, List<BinaryCopy> copies, Map<String, String> env, Optional<Principal> user,
                    Optional<Principal> group, Optional<String> workdir) {
    public Setup {
        files = List.copyOf(files);
        copies = List.copyOf(copies);
        env = Map.copyOf(env);
    }

    public static Setup empty() {
        return new Setup(List.of(), List.of(), Map.of(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * A file to create.
     *
     * @param path    relative to the scratch directory (parent directories are created)
     * @param content the bytes to write (the language's string escapes already applied)
     * @param mode    permission bits, e.g. {@code 0644}
     */
    public record FileSpec(String path, byte[] content, int mode, SourceSpan span) {
        public FileSpec {
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }
    }

    /**
     * A copy of {@code source} at {@code <scratch>/<name>}, executable, so that a policy's
     * matchBinaries can tell it from the original.
     */
    public record BinaryCopy(String source, String name, SourceSpan span) {
    }

    /** A user or group, by number or by name (a name is looked up in /etc/passwd or /etc/group when the scenario runs). */
    public record Principal(String written, Optional<Integer> id, SourceSpan span) {
    }
}
