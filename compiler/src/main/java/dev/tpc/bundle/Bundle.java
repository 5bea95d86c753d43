package dev.tpc.bundle;

import java.util.List;
import java.util.Optional;

/**
 * A bundle the strict reader accepted: its manifest, the normalised policy, and per target its
 * attach points with their loader configs and bytes.
 *
 * @param manifest         what the bundle says about itself
 * @param normalisedPolicy {@code policy.json}: the policy after Tetragon's defaults, as canonical JSON
 * @param targets          per target of the manifest, in its order
 * @param sha256           SHA-256 of the whole bundle file
 */
public record Bundle(BundleManifest manifest, String normalisedPolicy, List<TargetHooks> targets, String sha256) {
    public Bundle {
        targets = List.copyOf(targets);
    }

    /** The attach points of one target. */
    public record TargetHooks(BundleManifest.Target target, List<HookBundle> hooks) {
        public TargetHooks {
            hooks = List.copyOf(hooks);
        }
    }

    public Optional<TargetHooks> target(String name) {
        return targets.stream().filter(t -> t.target().name().equals(name)).findFirst();
    }
}
