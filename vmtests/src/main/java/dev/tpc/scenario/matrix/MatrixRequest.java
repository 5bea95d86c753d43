package dev.tpc.scenario.matrix;

import dev.tpc.scenario.model.ScenarioFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A run of scenarios on a matrix of kernels.
 *
 * @param files        parsed scenario files
 * @param kernels      named profiles ({@code 5.10}, {@code 6.1}, ...) and {@code host} (the running kernel,
 *                     in this process, as {@code tpc test} runs it)
 * @param userKernels  kernels of the user's own: a name and a {@code .deb} (with the profile they
 *                     stand for), booted like the named ones
 * @param filter       a glob on scenario names
 * @param jobs         guests at once
 * @param shard        this runner's share of (kernel, scenario) pairs: {@code index} from 1 of {@code count}
 * @param kernelCache  where kernels are cached ({@code ~/.cache/tpc/kernels} by default)
 * @param offline      use only the cache
 * @param guestTimeout hard limit of one guest, boot to power off
 * @param timeScale    durations inside guests are multiplied by this (empty: 1 with KVM, 10 under TCG)
 * @param cpus         vCPUs per guest
 * @param keepConsole  keep every guest's console log, not only those of failed guests
 * @param workDir      where exchange directories and console logs go (not under /tmp)
 */
public record MatrixRequest(List<ScenarioFile> files, List<String> kernels, List<UserKernel> userKernels,
                            Optional<String> filter, int jobs, Optional<Shard> shard, Path kernelCache, boolean offline,
                            Duration guestTimeout, Optional<Double> timeScale, int cpus, boolean keepConsole, Path workDir,
                            Path workingDirectory, MatrixListener listener) {
    public static final Duration DEFAULT_GUEST_TIMEOUT = Duration.ofMinutes(15);

    public MatrixRequest {
        files = List.copyOf(files);
        kernels = List.copyOf(kernels);
        userKernels = List.copyOf(userKernels);
        if (jobs < 1) {
            throw new IllegalArgumentException("--jobs takes 1 or more, not " + jobs);
        }
        listener = listener == null ? MatrixListener.NONE : listener;
    }

    /**
     * A kernel of the user's own.
     *
     * @param name    how reports name it
     * @param debs    the kernel's .deb files (image, and modules when split)
     * @param profile the named profile whose facts it is held against before booting (and its probe after)
     */
    public record UserKernel(String name, List<Path> debs, String profile) {
        public UserKernel {
            debs = List.copyOf(debs);
        }
    }

    /** {@code --shard I/N}: pairs whose position modulo N is I-1. */
    public record Shard(int index, int count) {
        public Shard {
            if (count < 1 || index < 1 || index > count) {
                throw new IllegalArgumentException("a shard is I/N with 1 <= I <= N, not " + index + "/" + count);
            }
        }

        public static Optional<Shard> parse(String text) {
            String[] p = text.split("/", -1);
            try {
                return p.length == 2 ? Optional.of(new Shard(Integer.parseInt(p[0]), Integer.parseInt(p[1])))
                        : Optional.empty();
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }

        boolean owns(int position) {
            return position % count == index - 1;
        }
    }
}
