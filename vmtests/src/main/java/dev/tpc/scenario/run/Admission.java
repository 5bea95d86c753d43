package dev.tpc.scenario.run;

import dev.tpc.api.CompileReport;
import dev.tpc.diag.Diagnostic;
import dev.tpc.diag.Severity;
import dev.tpc.runtime.plan.LoadPlan;
import dev.tpc.scenario.model.Requirement;
import dev.tpc.scenario.model.Scenario;
import dev.tpc.target.Availability;
import dev.tpc.target.KernelVersion;
import java.util.List;
import java.util.Optional;

/**
 * Whether a scenario may run on a kernel, and if not, the reason it is skipped: its own
 * requirements, Tetragon's verdict on its policies for that kernel, and what the compiled policies
 * need. The same decisions are taken on the host before a guest boots (from the named profile)
 * and in the guest (from its probe), so a kernel where every scenario is skipped is never booted.
 */
public final class Admission {
    private Admission() {
    }

    /** The first requirement of the scenario the kernel does not meet, as a skip reason. */
    public static Optional<String> requirements(Scenario scenario, KernelFacts kernel) {
        for (Requirement r : scenario.requirements()) {
            if (r instanceof Requirement.Feature f) {
                Optional<KernelFacts.Fact> fact = kernel.fact(f.name());
                if (fact.isEmpty() || fact.get().value() != Availability.YES) {
                    return Optional.of("requires " + f.name() + ": " + fact.map(KernelFacts.Fact::evidence)
                            .orElse("nothing is known of it on this kernel"));
                }
            } else if (r instanceof Requirement.KernelAtLeast k) {
                Optional<KernelVersion> running = KernelVersion.parse(kernel.version());
                if (running.isEmpty() || running.get().compareTo(k.version()) < 0) {
                    return Optional.of("requires kernel >= " + k.version() + ", this is " + kernel.release());
                }
            } else if (r instanceof Requirement.Arch a && !a.name().equals(kernel.arch())) {
                return Optional.of("requires arch " + a.name() + ", this is " + kernel.arch());
            }
        }
        return Optional.empty();
    }

    /**
     * A compile that failed only on kernel-dependent findings (TP4xxx: Tetragon would refuse the
     * policy on this kernel, e.g. Override without the override helper) is a skip with the first
     * finding as the reason; empty when the compile passed or failed for a reason of the policy
     * itself (which is an error of the scenario on every kernel).
     */
    public static Optional<String> refusedOnThisKernel(CompileReport report) {
        List<Diagnostic> errors = report.check().diagnostics().filter(d -> d.severity() == Severity.ERROR).toList();
        if (errors.isEmpty() || !errors.stream().allMatch(d -> d.code().startsWith("TP4"))) {
            return Optional.empty();
        }
        Diagnostic first = errors.get(0);
        return Optional.of("Tetragon refuses the policy on this kernel: " + first.code() + " " + first.message());
    }

    /** The first thing a compiled policy needs that the kernel lacks, as a skip reason. */
    public static Optional<String> needs(LoadPlan plan, KernelFacts kernel) {
        for (KernelNeeds.Need n : KernelNeeds.of(plan)) {
            Optional<KernelFacts.Fact> f = kernel.fact(n.key());
            if (f.isPresent() && f.get().value() == Availability.NO) {
                return Optional.of(n.what() + ": " + f.get().evidence());
            }
        }
        return Optional.empty();
    }
}
