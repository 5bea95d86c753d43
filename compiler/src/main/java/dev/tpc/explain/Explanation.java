package dev.tpc.explain;

import dev.tpc.bundle.BundleManifest;
import dev.tpc.bundle.LoaderConfig;
import dev.tpc.decode.Decoder;
import java.util.List;
import java.util.Optional;

/**
 * A bundle read back into readable selectors, per target and attach point.
 *
 * @param source       what was explained, as shown to the user
 * @param manifest     the bundle's manifest
 * @param bundleSha256 SHA-256 of the bundle's bytes
 * @param targets      the targets explained
 */
public record Explanation(String source, BundleManifest manifest, String bundleSha256, List<Target> targets) {
    public Explanation {
        targets = List.copyOf(targets);
    }

    public record Target(BundleManifest.Target target, List<Hook> hooks) {
        public Target {
            hooks = List.copyOf(hooks);
        }
    }

    /**
     * One attach point.
     *
     * @param blob        the filter blob in hex without its trailing zero bytes (the corpus verdicts' form)
     * @param returnBlob  the same for the return filter, when the hook has one
     * @param eventConfig the 736-byte event_config in hex
     * @param decoded     the selectors in normal form, or why the bytes cannot be decoded
     */
    public record Hook(LoaderConfig config, String blob, Optional<String> returnBlob, String eventConfig,
                       Decoder.Result decoded) {}
}
