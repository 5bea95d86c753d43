package dev.tpc.runtime.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Facts that follow from the kernel's version: Tetragon itself decides these by version (its
 * v5.11 / v6.1 programs, the loader sensor's gate, the string-bucket maxima), so the probe reports
 * them the same way, with basis {@code version}.
 */
final class KernelInfo {
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?.*");

    private KernelInfo() {
    }

    static String release() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        } catch (IOException e) {
            return System.getProperty("os.version", "");
        }
    }

    /** MAJOR.MINOR.PATCH of a release such as {@code 6.18.44-fc-v669}. */
    static String version(String release) {
        Matcher m = VERSION.matcher(release);
        if (!m.matches()) {
            return "0.0.0";
        }
        return m.group(1) + "." + m.group(2) + "." + (m.group(3) == null ? "0" : m.group(3));
    }

    static boolean atLeast(String version, int major, int minor) {
        String[] p = version.split("\\.");
        int ma = Integer.parseInt(p[0]);
        int mi = Integer.parseInt(p[1]);
        return ma > major || (ma == major && mi >= minor);
    }

    static List<ProbeResult> versionGates(String version) {
        return List.of(
                gate("loader_version_gate", atLeast(version, 5, 19), "Tetragon's loader sensor needs 5.19", version),
                gate("v511_programs", atLeast(version, 5, 11), "Tetragon loads its v5.11 programs from 5.11", version),
                gate("v61_programs", atLeast(version, 6, 1), "Tetragon loads its v6.1 programs from 6.1", version));
    }

    private static ProbeResult gate(String key, boolean yes, String rule, String version) {
        return new ProbeResult(key, ProbeResult.Value.of(yes), "version", rule + "; this kernel is " + version, true);
    }

    /** Tetragon's string-bucket maximum: 4096 from 5.11, 510 from 5.4, else 144. */
    static int stringMatchMaxLength(String version) {
        if (atLeast(version, 5, 11)) {
            return 4096;
        }
        return atLeast(version, 5, 4) ? 510 : 144;
    }

    static ProbeResult moduleBtf() throws IOException {
        Path dir = Path.of("/sys/kernel/btf");
        if (!Files.isDirectory(dir)) {
            return ProbeResult.probed("module_btf", false, "/sys/kernel/btf is missing");
        }
        try (var files = Files.list(dir)) {
            long modules = files.filter(f -> !f.getFileName().toString().equals("vmlinux")).count();
            return ProbeResult.probed("module_btf", modules > 0, modules > 0
                    ? modules + " modules have BTF in /sys/kernel/btf" : "only vmlinux has BTF in /sys/kernel/btf");
        }
    }
}
