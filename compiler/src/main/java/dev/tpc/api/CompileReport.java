package dev.tpc.api;

import java.util.List;

/**
 * The result of a compile: the check it ran first (a policy with an error on any requested target
 * gets no bundle) and the bundles written or kept.
 */
public record CompileReport(CheckReport check, List<CompiledBundle> bundles) {
    public CompileReport {
        bundles = List.copyOf(bundles);
    }

    public boolean failed() {
        return check.hasErrors();
    }
}
