package dev.tpc.vm.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An apt whose index is a few hand-written Packages files; downloading is not its business. */
final class FakeApt implements Apt {
    private final Map<String, Path> indexes = new LinkedHashMap<>();

    FakeApt(Path dir, Map<String, String> packagesBySuite) {
        packagesBySuite.forEach((suite, text) -> {
            try {
                Path p = dir.resolve(suite + "_Packages");
                Files.writeString(p, text);
                indexes.put(suite, p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static String stanza(String name, String version) {
        return "Package: " + name + "\nSource: linux\nVersion: " + version + "\nArchitecture: amd64\nSize: 1000\n"
                + "Filename: pool/main/l/linux/" + name + "_" + version + "_amd64.deb\nDescription: Linux\n\n";
    }

    @Override
    public Optional<Instant> lastUpdate() {
        return Optional.of(Instant.now());
    }

    @Override
    public List<String> update() {
        return List.of();
    }

    @Override
    public Map<String, Path> packageIndexes() {
        return indexes;
    }

    @Override
    public InputStream open(Path indexFile) throws KernelException {
        try {
            return Files.newInputStream(indexFile);
        } catch (IOException e) {
            throw new KernelException(e.getMessage());
        }
    }

    @Override
    public void download(List<IndexEntry> packages, Path dir, KernelListener progress) throws KernelException {
        throw new KernelException("the fake apt downloads nothing");
    }
}
