package dev.tpc.vm.kernel;

/**
 * One binary package of a suite, as apt's (signed) index describes it.
 *
 * @param name     package name
 * @param version  exact Debian version
 * @param suite    the suite whose index lists it, e.g. {@code bookworm-security}
 * @param size     size of the .deb in bytes (for download progress)
 * @param filename path in the archive, e.g. {@code pool/main/l/linux-signed-amd64/...}
 */
public record IndexEntry(String name, String version, String suite, long size, String filename) {
    public String pin() {
        return name + "=" + version;
    }
}
