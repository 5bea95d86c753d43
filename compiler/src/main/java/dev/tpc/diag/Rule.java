package dev.tpc.diag;

/**
 * A kind of finding with a stable code. Codes never change meaning once released, so that
 * baselines, suppressions and SARIF ruleIds stay valid across versions.
 */
public interface Rule {
    /** The stable code, e.g. {@code TP3101}. */
    String code();

    /** The severity findings of this rule carry unless a caller decides otherwise. */
    Severity severity();

    /** One sentence for {@code tpc rules} and SARIF's shortDescription. */
    String summary();

    default Diagnostic at(SourceSpan span, String message) {
        return new Diagnostic(code(), severity(), message, null, span, java.util.List.of());
    }

    default Diagnostic at(SourceSpan span, String message, String hint) {
        return new Diagnostic(code(), severity(), message, hint, span, java.util.List.of());
    }
}
