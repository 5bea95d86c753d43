package dev.tpc.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetProfilesTest {

    private static Availability on(String target, Feature f) {
        return TargetProfiles.named(target).orElseThrow().has(f);
    }

    @Test
    void shipsTheFourDebianKernelsOldestFirst() {
        assertEquals(List.of("5.10", "6.1", "6.12", "7.2"), TargetProfiles.names());
        assertEquals(new KernelVersion(6, 12, 117), TargetProfiles.named("6.12").orElseThrow().kernel());
        assertEquals(Arch.X86_64, TargetProfiles.named("7.2").orElseThrow().arch());
    }

    @Test
    void everyShippedProfileNamesItsDebianKernelPackages() {
        for (TargetProfile p : TargetProfiles.all()) {
            DebianKernel debian = p.debian().orElseThrow(() -> new AssertionError(p.name() + " names no Debian kernel"));
            assertEquals("amd64", debian.flavour(), p.name());
            // the series of the profile, whatever ABI Debian is at: e.g. linux-image-6.1.0-*-amd64-unsigned
            String series = p.kernel().major() + "." + p.kernel().minor() + ".";
            assertTrue(debian.packages().get(0).contains(series), p.name() + ": " + debian.packages());
        }
        assertEquals("sid", TargetProfiles.named("7.2").orElseThrow().debian().orElseThrow().suite());
        assertEquals(3, TargetProfiles.named("7.2").orElseThrow().debian().orElseThrow().packages().size());
    }

    @Test
    void featuresAreTheMeasuredOnes() {
        // vm-feasibility §4: the override helper is absent everywhere, kprobe_multi only from 6.12,
        // fmod_ret on syscalls only on 7.2, fmod_ret on security_ hooks everywhere
        Map<Feature, List<Availability>> expected = Map.of(
                Feature.OVERRIDE_HELPER, List.of(Availability.NO, Availability.NO, Availability.NO, Availability.NO),
                Feature.KPROBE_MULTI, List.of(Availability.NO, Availability.NO, Availability.YES, Availability.YES),
                Feature.FMODRET_SYSCALL, List.of(Availability.NO, Availability.NO, Availability.NO, Availability.YES),
                Feature.FMODRET_SECURITY, List.of(Availability.YES, Availability.YES, Availability.YES, Availability.YES),
                Feature.BPF_LSM, List.of(Availability.YES, Availability.YES, Availability.YES, Availability.YES),
                Feature.BPF_LSM_BY_DEFAULT, List.of(Availability.NO, Availability.YES, Availability.YES, Availability.YES),
                Feature.BUILD_ID, List.of(Availability.NO, Availability.YES, Availability.YES, Availability.YES),
                Feature.SIGNAL_HELPER, List.of(Availability.YES, Availability.YES, Availability.YES, Availability.YES));
        expected.forEach((feature, values) -> {
            for (int i = 0; i < values.size(); i++) {
                String target = TargetProfiles.names().get(i);
                assertEquals(values.get(i), on(target, feature), feature + " on " + target);
            }
        });
        assertEquals(510, TargetProfiles.named("5.10").orElseThrow().stringMatchMaxLength());
        assertEquals(4096, TargetProfiles.named("6.1").orElseThrow().stringMatchMaxLength());
    }

    @Test
    void everyShippedFeatureStatesHowItIsKnown() {
        for (TargetProfile p : TargetProfiles.all()) {
            for (Feature f : Feature.values()) {
                FeatureFact fact = p.fact(f);
                assertTrue(p.features().containsKey(f), f + " missing from " + p.name());
                assertTrue(!fact.evidence().isBlank(), f + " on " + p.name() + " has no evidence");
                assertEquals(fact.value() == Availability.UNKNOWN, fact.basis() == Basis.UNMEASURED, f + " on " + p.name());
            }
        }
    }
}
