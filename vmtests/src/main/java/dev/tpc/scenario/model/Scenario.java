package dev.tpc.scenario.model;

import dev.tpc.diag.SourceSpan;
import java.util.List;
import java.util.Optional;

/**
 * One scenario: the policies under test, the setup of its scratch directory and process, the
 * steps run one after another, and what the kernel must offer for it to run at all.
 *
 * @param policies     the policies under test (a file-level {@code policy} line applies to every
 *                     scenario of the file that names none of its own)
 * @param mode         a {@code policy-mode} that replaces the policies' own, if given
 * @param requirements what the scenario needs beyond what its compiled policies need
 */
public record Scenario(String name, SourceSpan span, List<PolicyRef> policies, Optional<ModeOverride> mode,
                       Setup setup, List<Step> steps, List<Requirement> requirements) {
    public Scenario {
        policies = List.copyOf(policies);
        steps = List.copyOf(steps);
        requirements = List.copyOf(requirements);
    }
}
