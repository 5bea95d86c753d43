package dev.tpc.scenario.run;

import dev.tpc.runtime.probe.ProbeReport;
import dev.tpc.runtime.probe.ProbeResult;
import dev.tpc.target.Availability;
import dev.tpc.target.Feature;
import dev.tpc.target.FeatureFact;
import dev.tpc.target.TargetProfile;
import java.util.Map;
import java.util.Optional;

/**
 * What is known of a kernel that decides whether a scenario can run there: the running kernel as
 * {@code tpc probe} found it, or a named target profile (before its guest boots). Facts are keyed
 * as the probe and the profile files key them ({@code kprobe_multi}, {@code bpf_lsm},
 * {@code kprobe_attach}, ...).
 */
public interface KernelFacts {
    /** How the kernel answers for {@code key}; empty when nothing is known of it. */
    Optional<Fact> fact(String key);

    /** {@code uname -r}. */
    String release();

    /** MAJOR.MINOR.PATCH. */
    String version();

    /** {@code x86_64} or {@code arm64}. */
    String arch();

    /** @param value YES, NO or UNKNOWN; @param evidence how it is known, in words */
    record Fact(Availability value, String evidence) {
    }

    static KernelFacts of(ProbeReport probe) {
        return new KernelFacts() {
            @Override
            public Optional<Fact> fact(String key) {
                return probe.result(key).map(r -> new Fact(r.value() == ProbeResult.Value.YES ? Availability.YES
                        : r.value() == ProbeResult.Value.NO ? Availability.NO : Availability.UNKNOWN, r.evidence()));
            }

            @Override
            public String release() {
                return probe.release();
            }

            @Override
            public String version() {
                return probe.version();
            }

            @Override
            public String arch() {
                return probe.arch();
            }
        };
    }

    /**
     * The facts of a named profile. The profile format has no keys for attaching tracepoints, raw
     * tracepoints and kprobes; every Debian kernel tpc names has them (CONFIG_KPROBE_EVENTS=y,
     * measured in qemu guests: vm-feasibility §4), so they are yes here, and the guest's own probe
     * decides again before anything loads.
     */
    static KernelFacts of(TargetProfile profile) {
        Map<String, Fact> attach = Map.of(
                "tracepoint_attach", new Fact(Availability.YES, "every kernel tpc supports attaches tracepoints"),
                "raw_tracepoint_attach", new Fact(Availability.YES, "every kernel tpc supports attaches raw tracepoints"),
                "kprobe_attach", new Fact(Availability.YES, "the named profiles' Debian kernels have CONFIG_KPROBE_EVENTS=y"));
        return new KernelFacts() {
            @Override
            public Optional<Fact> fact(String key) {
                if (attach.containsKey(key)) {
                    return Optional.of(attach.get(key));
                }
                return Feature.byKey(key).map(profile::fact).filter(f -> f != FeatureFact.UNSTATED)
                        .map(f -> new Fact(f.value(), f.evidence()));
            }

            @Override
            public String release() {
                return profile.release();
            }

            @Override
            public String version() {
                return profile.kernel().toString();
            }

            @Override
            public String arch() {
                return profile.arch().id();
            }
        };
    }
}
