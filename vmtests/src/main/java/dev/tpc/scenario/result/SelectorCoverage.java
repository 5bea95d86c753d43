package dev.tpc.scenario.result;

import java.util.List;

/**
 * How often each selector of one hook of a policy matched over a scenario run.
 *
 * @param policy    the policy's name
 * @param hook      the hook as {@code tpc explain} names it ({@code kprobes[0] security_file_permission})
 * @param selectors matches per selector, in the policy's order
 * @param noMatch   calls that reached the selectors and matched none
 */
public record SelectorCoverage(String policy, String hook, List<Long> selectors, long noMatch) {
    public SelectorCoverage {
        selectors = List.copyOf(selectors);
    }

    public long covered() {
        return selectors.stream().filter(n -> n > 0).count();
    }
}
