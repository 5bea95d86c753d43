package dev.tpc.explain;

import dev.tpc.bundle.Bundle;
import dev.tpc.bundle.BundleFormatException;
import dev.tpc.bundle.HookBundle;
import dev.tpc.decode.Decoder;
import dev.tpc.diag.BundleRule;
import dev.tpc.lower.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Entry point of {@code tpc explain}'s core: decodes a verified bundle into an {@link Explanation}. */
public final class Explainer {
    private Explainer() {}

    /**
     * @param target one target to explain, or every target of the bundle
     * @throws BundleFormatException {@link BundleRule#TARGET_NOT_IN_BUNDLE} when the bundle lacks the target
     */
    public static Explanation explain(Bundle bundle, String source, Optional<String> target) throws BundleFormatException {
        List<Explanation.Target> out = new ArrayList<>();
        for (Bundle.TargetHooks t : bundle.targets()) {
            if (target.isPresent() && !target.get().equals(t.target().name())) {
                continue;
            }
            List<Explanation.Hook> hooks = new ArrayList<>();
            for (HookBundle h : t.hooks()) {
                hooks.add(new Explanation.Hook(h.config(), trimmedHex(h.filter()), h.returnFilter().map(Explainer::trimmedHex),
                        h.eventConfig().hex(), Decoder.decode(h.decoderInput())));
            }
            out.add(new Explanation.Target(t.target(), hooks));
        }
        if (out.isEmpty()) {
            throw new BundleFormatException(BundleRule.TARGET_NOT_IN_BUNDLE, "the bundle was compiled for "
                    + String.join(", ", bundle.manifest().targetNames()) + ", not for " + target.orElse("?"));
        }
        return new Explanation(source, bundle.manifest(), bundle.sha256(), out);
    }

    /** Hex without trailing zero bytes: how Tetragon's verdicts in the corpus print a 4096-byte blob. */
    public static String trimmedHex(Bytes b) {
        int n = b.length();
        while (n > 0 && b.get(n - 1) == 0) {
            n--;
        }
        return Bytes.of(b.toArray(), 0, n).hex();
    }
}
