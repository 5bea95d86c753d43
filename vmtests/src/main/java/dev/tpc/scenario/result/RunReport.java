package dev.tpc.scenario.result;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The results of one run of scenarios on one kernel.
 *
 * @param kernel     what ran them: the kernel release ({@code uname -r}) and how tpc names it
 *                   ({@code host}, or a profile name such as {@code 6.1})
 * @param accel      how the kernel ran ({@code host}, {@code kvm}, {@code tcg})
 * @param problems   what failed this kernel as a whole, besides its scenarios: a guest that
 *                   panicked or hung, a probe that disagrees with the named profile
 */
public record RunReport(KernelRef kernel, String accel, List<ScenarioResult> scenarios, List<String> problems,
                        Duration time) {
    public RunReport {
        scenarios = List.copyOf(scenarios);
        problems = List.copyOf(problems);
    }

    public RunReport(KernelRef kernel, String accel, List<ScenarioResult> scenarios, Duration time) {
        this(kernel, accel, scenarios, List.of(), time);
    }

    /** @param name {@code host} or a target profile name; @param release {@code uname -r} */
    public record KernelRef(String name, String release) {
    }

    public long count(Outcome o) {
        return scenarios.stream().filter(s -> s.outcome() == o).count();
    }

    /** A scenario failed or broke, the kernel as a whole failed, or nothing ran at all on a kernel that was booted. */
    public boolean failed() {
        return !problems.isEmpty() || scenarios.stream().anyMatch(s -> s.outcome().isFailure());
    }

    /**
     * Selector coverage over the whole run: per policy and hook, the matches of each selector summed
     * over every scenario that loaded it (a selector covered by any scenario is covered).
     */
    public List<SelectorCoverage> coverage() {
        Map<String, SelectorCoverage> merged = new LinkedHashMap<>();
        for (ScenarioResult s : scenarios) {
            for (SelectorCoverage c : s.coverage()) {
                merged.merge(c.policy() + "\u0000" + c.hook(), c, RunReport::sum);
            }
        }
        return List.copyOf(merged.values());
    }

    private static SelectorCoverage sum(SelectorCoverage a, SelectorCoverage b) {
        List<Long> counts = new ArrayList<>();
        for (int i = 0; i < Math.max(a.selectors().size(), b.selectors().size()); i++) {
            long x = i < a.selectors().size() ? a.selectors().get(i) : 0;
            long y = i < b.selectors().size() ? b.selectors().get(i) : 0;
            counts.add(x + y);
        }
        return new SelectorCoverage(a.policy(), a.hook(), counts, a.noMatch() + b.noMatch());
    }

    /** Percentage of selectors that matched at least once over the run; empty when no selector was counted. */
    public OptionalDouble selectorCoverage() {
        long all = 0;
        long covered = 0;
        for (SelectorCoverage c : coverage()) {
            all += c.selectors().size();
            covered += c.covered();
        }
        return all == 0 ? OptionalDouble.empty() : OptionalDouble.of(100.0 * covered / all);
    }
}
