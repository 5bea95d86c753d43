package dev.tpc.scenario.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.runtime.probe.ProbeReport;
import dev.tpc.runtime.probe.ProbeResult;
import dev.tpc.target.TargetProfile;
import dev.tpc.target.TargetProfiles;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The guest's probe against the named profile: measured facts must agree; version-based ones are not held against it. */
class ProfileCheckTest {
    private static final TargetProfile P61 = TargetProfiles.named("6.1").orElseThrow();

    private static ProbeReport probe(ProbeResult... results) {
        return new ProbeReport("6.1.0-57-amd64", "6.1.192", "x86_64", List.of(results), 4096, List.of());
    }

    @Test
    void aMeasuredFeatureTheProbeContradictsIsADifference() {
        // the profile measured: no kprobe_multi on 6.1 (CONFIG_FPROBE=n)
        List<ProfileCheck.Difference> d = ProfileCheck.compare(probe(
                new ProbeResult("kprobe_multi", ProbeResult.Value.YES, "probed", "a kprobe.multi link attached", true)), P61);
        assertEquals(1, d.size(), d.toString());
        assertEquals("kprobe_multi", d.get(0).feature());
        assertTrue(d.get(0).describe().contains("the guest's probe says true (a kprobe.multi link attached), the profile says"
                + " false"), d.get(0).describe());
    }

    @Test
    void agreementAndUnknownsAndVersionFactsAreNoDifference() {
        List<ProfileCheck.Difference> d = ProfileCheck.compare(probe(
                new ProbeResult("kprobe_multi", ProbeResult.Value.NO, "probed", "EOPNOTSUPP", true),
                new ProbeResult("bpf_lsm", ProbeResult.Value.UNKNOWN, "probed", "could not tell", true),
                // ring_buffer is 'version' in the profile: not a measurement to hold the probe against
                new ProbeResult("ring_buffer", ProbeResult.Value.NO, "probed", "made up", true),
                // a fact the profile format has no key for
                new ProbeResult("kprobe_attach", ProbeResult.Value.NO, "probed", "no kprobe PMU", false)), P61);
        assertEquals(List.of(), d);
    }
}
