package dev.tpc.scenario.matrix;

import dev.tpc.scenario.matrix.GuestPlanner.Runnable;
import dev.tpc.scenario.model.Scenario;
import dev.tpc.scenario.model.ScenarioFile;
import dev.tpc.scenario.result.Outcome;
import dev.tpc.scenario.result.RunReport;
import dev.tpc.scenario.result.ScenarioResult;
import dev.tpc.scenario.run.RunListener;
import dev.tpc.scenario.run.RunRequest;
import dev.tpc.scenario.run.RunnerUnavailableException;
import dev.tpc.scenario.run.ScenarioRunner;
import dev.tpc.target.TargetProfile;
import dev.tpc.target.TargetProfiles;
import dev.tpc.vm.kernel.KernelSource;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The kernel matrix: the same scenarios on several kernels, one guest per kernel (the host's own
 * kernel in this process), {@code jobs} guests at once. The entry point {@code tpc vmtest} and the
 * Maven goal {@code tpc:vmtest} map onto; it returns typed reports and renders nothing.
 */
public final class KernelMatrix {
    /** The name of the running kernel in {@code --kernels}. */
    public static final String HOST = "host";

    private KernelMatrix() {
    }

    /** What {@code --kernels} defaults to: every named profile. */
    public static List<String> defaultKernels() {
        return TargetProfiles.names();
    }

    /**
     * @throws IllegalArgumentException for a kernel name that is neither {@code host} nor a named
     *                                  profile with a Debian kernel (a usage mistake)
     */
    public static MatrixReport run(MatrixRequest request) throws InterruptedException {
        long started = System.nanoTime();
        List<KernelJob> jobs = jobs(request);
        ExecutorService pool = Executors.newFixedThreadPool(request.jobs(), r -> {
            Thread t = new Thread(r, "tpc-vmtest");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<RunReport>> futures = new ArrayList<>();
            for (KernelJob j : jobs) {
                futures.add(pool.submit(j::run));
            }
            List<RunReport> reports = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    reports.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    reports.add(jobs.get(i).broken("tpc failed on this kernel: " + e.getCause()));
                }
            }
            return new MatrixReport(reports, Duration.ofNanos(System.nanoTime() - started));
        } finally {
            pool.shutdownNow();
        }
    }

    /** One kernel's share of the scenarios (after the filter and the shard). */
    private record KernelJob(MatrixRequest request, String name, Optional<TargetProfile> profile, Optional<KernelSource> source,
                             List<Runnable> scenarios) {
        RunReport run() throws Exception {
            if (profile.isEmpty()) {
                return host();
            }
            return new KernelRun(request, name, profile.get(), source.orElseThrow(), scenarios).run();
        }

        private RunReport host() {
            List<ScenarioFile> files = new ArrayList<>();
            for (Runnable r : scenarios) {
                files.add(new ScenarioFile(r.file().path(), r.file().shownAs(), List.of(r.scenario())));
            }
            RunRequest run = RunRequest.host(files, request.workingDirectory()).withListener(new RunListener() {
                @Override
                public void scenarioFinished(ScenarioResult result) {
                    request.listener().scenarioFinished(name, result);
                }
            });
            try {
                RunReport r = ScenarioRunner.run(run);
                request.listener().kernelFinished(name, r.count(Outcome.PASSED) + " passed");
                return r;
            } catch (RunnerUnavailableException e) {
                return broken("cannot run on the host kernel: " + e.getMessage());
            }
        }

        RunReport broken(String why) {
            List<ScenarioResult> all = scenarios.stream().map(r -> new ScenarioResult(r.file().shownAs(), r.scenario().name(),
                    Outcome.ERROR, why, List.of(), List.of(), List.of(), Duration.ZERO)).toList();
            request.listener().kernelFinished(name, why);
            return new RunReport(new RunReport.KernelRef(name, "-"), "-", all, List.of(why), Duration.ZERO);
        }
    }

    private static List<KernelJob> jobs(MatrixRequest request) {
        PathMatcher filter = request.filter().map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).orElse(null);
        List<Runnable> all = new ArrayList<>();
        for (ScenarioFile f : request.files()) {
            for (Scenario s : f.scenarios()) {
                if (filter == null || filter.matches(Path.of(s.name().replace('/', '_')))) {
                    all.add(new Runnable(f, s));
                }
            }
        }
        List<KernelJob> jobs = new ArrayList<>();
        int position = 0;
        for (String k : request.kernels()) {
            Optional<TargetProfile> profile = Optional.empty();
            Optional<KernelSource> source = Optional.empty();
            if (!k.equals(HOST)) {
                TargetProfile p = TargetProfiles.named(k).orElseThrow(() -> new IllegalArgumentException(
                        "unknown kernel '" + k + "': use host or a named profile (" + String.join(", ", TargetProfiles.names())
                                + ")"));
                if (p.debian().isEmpty()) {
                    throw new IllegalArgumentException("the profile " + k + " names no Debian kernel package to boot");
                }
                profile = Optional.of(p);
                source = Optional.of(new KernelSource.Named(p.name(), p.debian().get()));
            }
            jobs.add(new KernelJob(request, k, profile, source, share(all, request, position)));
            position += all.size();
        }
        for (MatrixRequest.UserKernel u : request.userKernels()) {
            TargetProfile p = TargetProfiles.named(u.profile()).orElseThrow(() -> new IllegalArgumentException(
                    "the kernel " + u.name() + " stands for an unknown profile '" + u.profile() + "'"));
            jobs.add(new KernelJob(request, u.name(), Optional.of(p), Optional.of(new KernelSource.Debs(u.debs())),
                    share(all, request, position)));
            position += all.size();
        }
        return jobs;
    }

    /** The (kernel, scenario) pairs of this shard: numbered across the whole matrix, so that shards split both. */
    private static List<Runnable> share(List<Runnable> all, MatrixRequest request, int first) {
        if (request.shard().isEmpty()) {
            return all;
        }
        List<Runnable> mine = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (request.shard().get().owns(first + i)) {
                mine.add(all.get(i));
            }
        }
        return mine;
    }
}
