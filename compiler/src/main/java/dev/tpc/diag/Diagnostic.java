package dev.tpc.diag;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One finding. {@code targets} names the target profiles the finding applies to; an empty list
 * means it applies to every target.
 */
public record Diagnostic(String code, Severity severity, String message, String hint, SourceSpan span,
                         List<String> targets) {

    public static final Comparator<Diagnostic> ORDER = Comparator
            .comparing((Diagnostic d) -> d.span().file())
            .thenComparingInt(d -> d.span().line())
            .thenComparingInt(d -> d.span().column())
            .thenComparing(Diagnostic::code)
            .thenComparing(Diagnostic::message);

    public Diagnostic {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(span, "span");
        targets = List.copyOf(targets);
    }

    public boolean appliesToAllTargets() {
        return targets.isEmpty();
    }

    public boolean appliesTo(String target) {
        return targets.isEmpty() || targets.contains(target);
    }

    public Diagnostic withTargets(List<String> newTargets) {
        return new Diagnostic(code, severity, message, hint, span, newTargets);
    }
}
