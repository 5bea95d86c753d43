package dev.tpc.vm.kernel;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the kernel store needs from apt: a private index of Debian's suites, and downloads that
 * apt verifies against that signed index. {@link SystemApt} runs the host's apt-get through a
 * private configuration; tests wrap it to count what it does.
 */
public interface Apt {
    /** When the private index was last refreshed, if it ever was. */
    Optional<Instant> lastUpdate();

    /**
     * Refreshes the private index of every configured suite.
     *
     * @return warnings (a suite that failed to refresh and kept its old index, ...)
     * @throws KernelException when apt cannot run or no index at all could be had
     */
    List<String> update() throws KernelException;

    /** The Packages index file of each suite the private index holds, by suite name. */
    Map<String, Path> packageIndexes() throws KernelException;

    /** Opens an index file, whatever apt compressed it with. */
    InputStream open(Path indexFile) throws KernelException;

    /**
     * Downloads packages into {@code dir}; apt checks each against the signed index.
     *
     * @param progress called a few times a second with the bytes that arrived so far
     */
    void download(List<IndexEntry> packages, Path dir, KernelListener progress) throws KernelException;
}
