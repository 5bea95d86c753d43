package dev.tpc.bench;

import dev.tpc.target.Arch;
import dev.tpc.target.TargetProfiles;
import dev.tpc.target.Targets;
import dev.tpc.validate.PolicyValidator;
import dev.tpc.yaml.ParsedFile;
import dev.tpc.yaml.YamlDocument;
import dev.tpc.yaml.YamlReader;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Warm throughput of {@code tpc check} on the upstream corpus: parse and validate every policy
 * file for all four named targets. One operation is one policy file, so the score reads as
 * policies per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CheckBenchmark {
    private static final int FILES = 99;
    private CorpusFiles corpus;
    private YamlReader reader;
    private PolicyValidator validator;

    @Setup
    public void setUp() {
        corpus = CorpusFiles.load();
        if (corpus.texts().size() != FILES) {
            throw new IllegalStateException("expected " + FILES + " corpus files, found " + corpus.texts().size());
        }
        reader = new YamlReader();
        validator = new PolicyValidator(new Targets(TargetProfiles.all(), Arch.X86_64));
    }

    @Benchmark
    @OperationsPerInvocation(FILES)
    public void checkCorpus(Blackhole bh) {
        for (int i = 0; i < FILES; i++) {
            ParsedFile parsed = reader.readText(corpus.texts().get(i), corpus.names().get(i));
            for (YamlDocument doc : parsed.documents()) {
                bh.consume(validator.validate(doc));
            }
        }
    }
}
