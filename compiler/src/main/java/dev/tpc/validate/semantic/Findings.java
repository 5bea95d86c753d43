package dev.tpc.validate.semantic;

import dev.tpc.diag.Diagnostic;
import dev.tpc.diag.Rule;
import dev.tpc.diag.SourceSpan;
import dev.tpc.diag.TargetRule;
import dev.tpc.target.Availability;
import dev.tpc.target.Feature;
import dev.tpc.target.TargetProfile;
import dev.tpc.target.Targets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Collects the findings of one policy. Target-dependent findings are emitted once with the list
 * of targets they apply to; targets whose profile does not know the deciding feature get one
 * note instead of a guess.
 */
final class Findings {
    private final Targets targets;
    private final List<Diagnostic> found = new ArrayList<>();

    Findings(Targets targets) {
        this.targets = targets;
    }

    Targets targets() {
        return targets;
    }

    List<Diagnostic> all() {
        return List.copyOf(found);
    }

    void add(Rule rule, SourceSpan span, String message, String hint) {
        found.add(rule.at(span, message, hint));
    }

    /** A finding that holds on the named targets only (all of them: written without a target list). */
    void addOn(Rule rule, SourceSpan span, String message, String hint, List<String> on) {
        found.add(rule.at(span, message, hint).withTargets(on.size() == targets.profiles().size() ? List.of() : on));
    }

    /**
     * A finding that holds on the targets where {@code applies} says YES. {@code feature} names what
     * decides it, for the note on targets where the answer is UNKNOWN.
     */
    void onTargets(Rule rule, SourceSpan span, String message, String hint, Feature feature,
                   Function<TargetProfile, Availability> applies) {
        onTargets(rule, span, message, hint, "the feature " + feature.key(), applies);
    }

    /** As above; {@code unknownWhat} says what a profile would have to state to decide it. */
    void onTargets(Rule rule, SourceSpan span, String message, String hint, String unknownWhat,
                   Function<TargetProfile, Availability> applies) {
        List<String> yes = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (TargetProfile p : targets.profiles()) {
            switch (applies.apply(p)) {
                case YES -> yes.add(p.name());
                case UNKNOWN -> unknown.add(p.name());
                case NO -> { }
            }
        }
        if (!yes.isEmpty()) {
            // a finding on every target is written without a target list (Diagnostic: empty = all)
            found.add(rule.at(span, message, hint).withTargets(yes.size() == targets.profiles().size() ? List.of() : yes));
        }
        if (!unknown.isEmpty()) {
            found.add(TargetRule.FEATURE_UNKNOWN.at(span,
                    "cannot tell whether this holds: the profile does not state " + unknownWhat + " (" + message + ")",
                    "state the feature in the profile (`tpc probe` on a node measures it); for a tracepoint a node's "
                            + "`format` file can be passed with --tracepoint-format")
                    .withTargets(unknown.size() == targets.profiles().size() ? List.of() : unknown));
        }
    }

    /** A finding on the targets that lack {@code feature}. */
    void lacking(Rule rule, Feature feature, SourceSpan span, String message, String hint) {
        onTargets(rule, span, message, hint, feature, p -> not(p.has(feature)));
    }

    static Availability not(Availability a) {
        return switch (a) {
            case YES -> Availability.NO;
            case NO -> Availability.YES;
            case UNKNOWN -> Availability.UNKNOWN;
        };
    }

    static Availability and(Availability a, Availability b) {
        if (a == Availability.NO || b == Availability.NO) return Availability.NO;
        if (a == Availability.YES && b == Availability.YES) return Availability.YES;
        return Availability.UNKNOWN;
    }

    static Availability or(Availability a, Availability b) {
        return not(and(not(a), not(b)));
    }

    static Availability of(boolean b) {
        return b ? Availability.YES : Availability.NO;
    }
}
