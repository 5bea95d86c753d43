package dev.tpc.runtime.probe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/** Whether BPF is in the kernel's built-in LSM list (CONFIG_LSM), i.e. active without {@code lsm=} at boot. */
final class LsmConfig {
    private static final Pattern CONFIG_LSM = Pattern.compile("(?m)^CONFIG_LSM=\"([^\"]*)\"");

    private LsmConfig() {
    }

    static ProbeResult bpfByDefault(String release, boolean bpfActive) throws IOException {
        Optional<String> config = kernelConfig(release);
        if (config.isPresent()) {
            Matcher m = CONFIG_LSM.matcher(config.get());
            if (m.find()) {
                boolean yes = java.util.List.of(m.group(1).split(",")).contains("bpf");
                return new ProbeResult("bpf_lsm_by_default", ProbeResult.Value.of(yes), "config",
                        "CONFIG_LSM=\"" + m.group(1) + "\"", true);
            }
        }
        String cmdline = Files.exists(Path.of("/proc/cmdline")) ? Files.readString(Path.of("/proc/cmdline")) : "";
        if (bpfActive && !cmdline.matches("(?s).*\\blsm=.*")) {
            return ProbeResult.probed("bpf_lsm_by_default", true, "bpf is active and the kernel command line sets no lsm=");
        }
        return new ProbeResult("bpf_lsm_by_default", ProbeResult.Value.UNKNOWN, "unmeasured",
                "no kernel config found and " + (bpfActive ? "the command line sets lsm=" : "bpf is not active"), true);
    }

    private static Optional<String> kernelConfig(String release) throws IOException {
        Path boot = Path.of("/boot/config-" + release);
        if (Files.isReadable(boot)) {
            return Optional.of(Files.readString(boot));
        }
        Path proc = Path.of("/proc/config.gz");
        if (Files.isReadable(proc)) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(proc))) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }
}
