package dev.tpc.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The upstream policy corpus, read once into memory so benchmarks measure tpc, not the disk. */
record CorpusFiles(List<String> names, List<String> texts) {
    static CorpusFiles load() {
        String dir = System.getProperty("tpc.shared", System.getenv().getOrDefault("TPC_SHARED", "../shared"));
        Path corpus = Path.of(dir, "corpus", "upstream");
        if (!Files.isDirectory(corpus)) {
            throw new IllegalStateException("corpus not found at " + corpus.toAbsolutePath()
                    + "; run from the repository root or pass -Dtpc.shared=DIR (jvmArgsAppend)");
        }
        try (Stream<Path> s = Files.walk(corpus)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
            return new CorpusFiles(files.stream().map(p -> corpus.relativize(p).toString()).toList(),
                    files.stream().map(CorpusFiles::read).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
