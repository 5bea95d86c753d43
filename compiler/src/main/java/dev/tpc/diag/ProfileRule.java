package dev.tpc.diag;

/** Findings about target profiles and the {@code --target} option (codes TP01xx). */
public enum ProfileRule implements Rule {
    UNKNOWN_TARGET("TP0101", Severity.ERROR, "A --target entry is neither a named profile nor a readable profile file."),
    INVALID_PROFILE("TP0102", Severity.ERROR, "A target profile file is malformed: a field is missing or has the wrong type or value."),
    UNKNOWN_PROFILE_FIELD("TP0103", Severity.WARNING, "A target profile names a field or feature tpc does not know; it is ignored."),
    DUPLICATE_TARGET("TP0104", Severity.ERROR, "Two targets have the same name."),
    UNMEASURED_FEATURE("TP0105", Severity.WARNING, "A profile states a feature as unknown or unmeasured but gives it a definite value, or the reverse.");

    private final String code;
    private final Severity severity;
    private final String summary;

    ProfileRule(String code, Severity severity, String summary) {
        this.code = code;
        this.severity = severity;
        this.summary = summary;
    }

    @Override public String code() { return code; }
    @Override public Severity severity() { return severity; }
    @Override public String summary() { return summary; }
}
