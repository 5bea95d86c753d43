package dev.tpc.bench;

import dev.tpc.api.CompileReport;
import dev.tpc.api.CompileRequest;
import dev.tpc.api.CompiledBundle;
import dev.tpc.api.FileReport;
import dev.tpc.api.InvalidRequestException;
import dev.tpc.api.Tpc;
import dev.tpc.bundle.BundleFormatException;
import dev.tpc.bundle.BundleManifest;
import dev.tpc.bundle.BundleReader;
import dev.tpc.diag.Severity;
import dev.tpc.target.Arch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Warm throughput of {@code tpc compile} on the corpus policies tpc compiles for all four named
 * targets: one operation is one {@link Tpc#compile} of all of them (check, lower, encode, bundle,
 * write), and the {@code hooks} counter reads as attach points compiled per second (every hook
 * of every target of every bundle).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class CompileBenchmark {
    private Path work;
    private CompileRequest request;
    private int hooksPerRun;

    /** Attach points compiled, reported by JMH per second next to the operations. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Hooks {
        public long hooks;

        @Setup(Level.Iteration)
        public void reset() {
            hooks = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException, InvalidRequestException, BundleFormatException {
        CorpusFiles corpus = CorpusFiles.load();
        work = Files.createTempDirectory("tpc-compile-bench-");
        List<Path> accepted = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < corpus.texts().size(); i++) {
            Path file = work.resolve("in").resolve(corpus.names().get(i));
            Files.createDirectories(file.getParent());
            Files.writeString(file, corpus.texts().get(i));
            CompileReport r = compile(List.of(file), work.resolve("probe"));
            FileReport report = r.check().files().get(0);
            boolean clean = report.allDiagnostics().noneMatch(d -> d.severity() == Severity.ERROR);
            boolean unique = r.bundles().stream().allMatch(b -> names.add(b.file().getFileName().toString()));
            if (clean && !r.bundles().isEmpty() && unique) {
                accepted.add(file);
            }
        }
        request = new CompileRequest(accepted, List.of(), Arch.X86_64, work.resolve("out"), List.of(), false,
                Optional.empty(), work);
        CompileReport all = Tpc.compile(request);
        if (all.failed()) {
            throw new IllegalStateException("the selected corpus policies no longer compile together");
        }
        for (CompiledBundle b : all.bundles()) {
            BundleManifest m = BundleReader.read(b.file(), Optional.empty()).manifest();
            hooksPerRun += m.targets().stream().mapToInt(BundleManifest.Target::hooks).sum();
        }
        System.out.println("compile benchmark: " + accepted.size() + " corpus files, " + all.bundles().size()
                + " bundles, " + hooksPerRun + " hooks (all targets) per operation");
    }

    private static CompileReport compile(List<Path> files, Path out) throws InvalidRequestException {
        return Tpc.compile(new CompileRequest(files, List.of(), Arch.X86_64, out, List.of(), false, Optional.empty(),
                out.getParent()));
    }

    @Benchmark
    public void compileAcceptedCorpus(Hooks counter, Blackhole bh) throws InvalidRequestException {
        bh.consume(Tpc.compile(request));
        counter.hooks += hooksPerRun;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> s = Files.walk(work)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
