package dev.tpc.vm.kernel;

import dev.tpc.target.DebianKernel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves a profile's package patterns against apt's index: the newest version of the first
 * pattern's packages for which every other pattern has a package of the same version with the
 * same ABI (the value of {@code *}), within the release and its -security and -updates suites.
 */
final class KernelResolver {
    private KernelResolver() {}

    /** The suites searched for a release: {@code bookworm} is bookworm, bookworm-security, bookworm-updates. */
    static List<String> suites(String release) {
        return release.equals("sid") || release.equals("unstable") || release.contains("-")
                ? List.of(release) : List.of(release, release + "-security", release + "-updates");
    }

    static Resolution resolve(String profile, DebianKernel debian, Apt apt) throws KernelException {
        Map<String, Path> indexes = apt.packageIndexes();
        List<String> suites = suites(debian.suite());
        List<Pattern> patterns = debian.packages().stream().map(DebianKernel::regex).toList();
        Pattern nearby = nearby(debian.packages().get(0));
        List<IndexEntry> entries = new ArrayList<>();
        List<String> read = new ArrayList<>();
        for (String suite : suites) {
            Path index = indexes.get(suite);
            if (index == null) {
                continue;
            }
            read.add(suite);
            try (InputStream in = apt.open(index)) {
                entries.addAll(PackageIndex.read(in, suite,
                        name -> nearby.matcher(name).matches() || patterns.stream().anyMatch(p -> p.matcher(name).matches())));
            } catch (IOException e) {
                throw new KernelException("cannot read apt's index of " + suite + " (" + index + "): " + Exec.reason(e));
            }
        }
        if (read.isEmpty()) {
            throw new KernelException("tpc's Debian index has no suite " + debian.suite() + " (profile " + profile
                    + "); it has " + indexes.keySet() + ". Known releases: " + SystemApt.RELEASES);
        }
        List<IndexEntry> first = entries.stream().filter(e -> patterns.get(0).matcher(e.name()).matches())
                .sorted(Comparator.comparing(IndexEntry::version, DebianVersion.ORDER).reversed()
                        .thenComparing(IndexEntry::name).thenComparing(IndexEntry::suite))
                .toList();
        for (IndexEntry image : first) {
            Optional<List<IndexEntry>> set = completeSet(image, debian.packages(), patterns, entries);
            if (set.isPresent()) {
                return new Resolution(profile, set.get(), image.version());
            }
        }
        throw new KernelException(missing(profile, debian, read, entries, nearby, first));
    }

    private static Optional<List<IndexEntry>> completeSet(IndexEntry image, List<String> texts, List<Pattern> patterns,
                                                          List<IndexEntry> entries) {
        Matcher m = patterns.get(0).matcher(image.name());
        if (!m.matches()) {
            return Optional.empty();
        }
        List<String> abi = new ArrayList<>();
        for (int g = 1; g <= m.groupCount(); g++) {
            abi.add(m.group(g));
        }
        List<IndexEntry> set = new ArrayList<>(List.of(image));
        for (int i = 1; i < texts.size(); i++) {
            Pattern pattern = patterns.get(i);
            String name = substitute(texts.get(i), abi);
            Optional<IndexEntry> e = entries.stream()
                    .filter(x -> x.version().equals(image.version()) && (name != null ? x.name().equals(name)
                            : pattern.matcher(x.name()).matches()))
                    .findFirst();
            if (e.isEmpty()) {
                return Optional.empty();
            }
            set.add(e.get());
        }
        return Optional.of(set);
    }

    /** Fills a pattern's stars with the image's ABI parts; null when the counts differ. */
    private static String substitute(String pattern, List<String> abi) {
        String[] parts = pattern.split("\\*", -1);
        if (parts.length - 1 != abi.size()) {
            return null;
        }
        StringBuilder sb = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            sb.append(abi.get(i - 1)).append(parts[i]);
        }
        return sb.toString();
    }

    /**
     * Other kernel series the suite carries under the same naming: the pattern's text before the
     * version (e.g. {@code linux-binary-unsigned-}) and after the ABI (e.g. {@code -amd64}).
     */
    static Pattern nearby(String pattern) {
        int digit = 0;
        while (digit < pattern.length() && !Character.isDigit(pattern.charAt(digit)) && pattern.charAt(digit) != '*') {
            digit++;
        }
        String prefix = pattern.substring(0, digit);
        String suffix = pattern.substring(pattern.lastIndexOf('*') + 1);
        return Pattern.compile(Pattern.quote(prefix) + "[0-9][^-]*(-[0-9][^-]*)?" + Pattern.quote(suffix));
    }

    private static String missing(String profile, DebianKernel debian, List<String> read, List<IndexEntry> entries,
                                  Pattern nearby, List<IndexEntry> first) {
        StringBuilder sb = new StringBuilder();
        if (first.isEmpty()) {
            sb.append(String.join(", ", read)).append(" carries no package matching ").append(debian.packages().get(0))
                    .append(" (profile ").append(profile).append(')');
        } else {
            sb.append(String.join(", ", read)).append(" has ").append(first.get(0).name()).append(' ')
                    .append(first.get(0).version()).append(" but no complete set of ").append(debian.packages())
                    .append(" of one version (profile ").append(profile).append(')');
        }
        List<String> now = entries.stream().filter(e -> nearby.matcher(e.name()).matches())
                .sorted(Comparator.comparing(IndexEntry::version, DebianVersion.ORDER).reversed())
                .map(e -> e.name() + " " + e.version()).distinct().limit(5).toList();
        sb.append(now.isEmpty() ? "; it carries no kernel of that naming at all"
                : "; what it carries now: " + String.join(", ", now));
        sb.append(". Debian has moved on: update the profile's debian.packages, or give a kernel with --kernel PATH.");
        return sb.toString();
    }
}
