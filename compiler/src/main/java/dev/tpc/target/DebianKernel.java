package dev.tpc.target;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the kernel of a named profile comes from: Debian packages named by pattern, so that the
 * profile survives Debian replacing one build by the next. The kernel matrix ({@code vmtests})
 * resolves the patterns to the newest matching version in the suite at run time; the compiler
 * only reads and checks the key (docs/target-profiles.md, docs/kernel-matrix.md).
 *
 * @param suite    the Debian release (codename) that carries the kernel, e.g. {@code bookworm};
 *                 its {@code -security} and {@code -updates} suites are searched with it
 * @param packages package name patterns; {@code *} stands for one part of the name without a
 *                 dash (the ABI, e.g. {@code 57} or {@code 117+deb13}); the first pattern names the
 *                 package that carries the kernel image, and every pattern must resolve to the
 *                 same version with the same value for {@code *}
 * @param flavour  the kernel flavour, e.g. {@code amd64} (Debian's generic flavour)
 */
public record DebianKernel(String suite, List<String> packages, String flavour) {
    /** Lower-case Debian names: letters, digits and {@code .+-}; patterns add {@code *}. */
    static final Pattern SUITE = Pattern.compile("[a-z][a-z0-9.+-]*");
    static final Pattern PACKAGE_PATTERN = Pattern.compile("[a-z0-9][a-z0-9.+*-]*");
    static final Pattern FLAVOUR = Pattern.compile("[a-z0-9][a-z0-9-]*");

    public DebianKernel {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(flavour, "flavour");
        packages = List.copyOf(packages);
        if (packages.isEmpty()) {
            throw new IllegalArgumentException("a Debian kernel names at least one package");
        }
    }

    /** The regular expression a package pattern stands for ({@code *} is one dash-free part). */
    public static Pattern regex(String packagePattern) {
        StringBuilder sb = new StringBuilder();
        for (String part : packagePattern.split("\\*", -1)) {
            if (!sb.isEmpty()) {
                sb.append("([^-]+)");
            }
            sb.append(Pattern.quote(part));
        }
        return Pattern.compile(sb.toString());
    }
}
