package dev.tpc.vm.kernel;

import java.util.List;

/**
 * The exact packages that a profile's patterns stand for today: the newest complete set in its
 * suite.
 *
 * @param profile  the profile name, e.g. {@code 6.1}
 * @param packages one index entry per pattern, in the profile's order (the first carries the image)
 * @param version  the Debian version they share, e.g. {@code 6.1.192-3}
 */
public record Resolution(String profile, List<IndexEntry> packages, String version) {
    public Resolution {
        packages = List.copyOf(packages);
    }

    public long size() {
        return packages.stream().mapToLong(IndexEntry::size).sum();
    }

    /** The cache key: the image package and the exact version. */
    public String key() {
        return packages.get(0).name() + "_" + version.replace(':', '%');
    }

    public String describe() {
        return String.join(" + ", packages.stream().map(IndexEntry::name).toList()) + " " + version
                + " (" + packages.get(0).suite() + ")";
    }
}
