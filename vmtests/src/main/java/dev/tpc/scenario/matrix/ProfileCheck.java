package dev.tpc.scenario.matrix;

import dev.tpc.runtime.probe.ProbeReport;
import dev.tpc.runtime.probe.ProbeResult;
import dev.tpc.target.Availability;
import dev.tpc.target.Basis;
import dev.tpc.target.Feature;
import dev.tpc.target.FeatureFact;
import dev.tpc.target.TargetProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The guest's probe held against the named profile of its kernel: every feature both sides know
 * (the probe loaded and attached something; the profile measured it, read it from the config or
 * from Tetragon's verdicts) must agree, so that the profiles shipped for {@code tpc check} stay true.
 */
final class ProfileCheck {
    private ProfileCheck() {
    }

    /** One disagreement, with what each side says. */
    record Difference(String feature, String probed, String probeEvidence, String profile, String profileEvidence) {
        String describe() {
            return feature + ": the guest's probe says " + probed + " (" + probeEvidence + "), the profile says " + profile
                    + " (" + profileEvidence + ")";
        }
    }

    static List<Difference> compare(ProbeReport probe, TargetProfile profile) {
        List<Difference> out = new ArrayList<>();
        for (ProbeResult r : probe.results()) {
            if (!r.profileFeature() || !r.basis().equals("probed") || r.value() == ProbeResult.Value.UNKNOWN) {
                continue;
            }
            Optional<Feature> f = Feature.byKey(r.key());
            if (f.isEmpty()) {
                continue;
            }
            FeatureFact fact = profile.fact(f.get());
            boolean known = fact.value() != Availability.UNKNOWN
                    && (fact.basis() == Basis.MEASURED || fact.basis() == Basis.CONFIG || fact.basis() == Basis.CORPUS);
            if (!known) {
                continue;
            }
            boolean probed = r.value() == ProbeResult.Value.YES;
            if (probed != (fact.value() == Availability.YES)) {
                out.add(new Difference(r.key(), r.value().text(), r.evidence(), fact.value().text(), fact.evidence()));
            }
        }
        return out;
    }
}
