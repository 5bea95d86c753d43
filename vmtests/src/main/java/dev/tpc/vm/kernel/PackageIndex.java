package dev.tpc.vm.kernel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads the stanzas of a Debian {@code Packages} index (deb822: fields, blank line between
 * packages), keeping only the packages whose name the filter accepts: a suite's index is
 * 10-65 MB of text and we want a few dozen kernel packages out of it.
 */
final class PackageIndex {
    private PackageIndex() {}

    static List<IndexEntry> read(InputStream in, String suite, Predicate<String> names) throws IOException {
        List<IndexEntry> found = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        String name = null;
        String version = null;
        String filename = null;
        long size = -1;
        boolean wanted = false;
        for (String line = r.readLine(); ; line = r.readLine()) {
            if (line == null || line.isEmpty()) {
                if (wanted && version != null && filename != null) {
                    found.add(new IndexEntry(name, version, suite, size, filename));
                }
                if (line == null) {
                    return found;
                }
                name = version = filename = null;
                size = -1;
                wanted = false;
                continue;
            }
            if (line.startsWith("Package: ")) {
                name = line.substring(9).strip();
                wanted = names.test(name);
            } else if (!wanted) {
                continue;
            } else if (line.startsWith("Version: ")) {
                version = line.substring(9).strip();
            } else if (line.startsWith("Filename: ")) {
                filename = line.substring(10).strip();
            } else if (line.startsWith("Size: ")) {
                try {
                    size = Long.parseLong(line.substring(6).strip());
                } catch (NumberFormatException e) {
                    size = -1;
                }
            }
        }
    }
}
