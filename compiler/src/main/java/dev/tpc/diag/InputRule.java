package dev.tpc.diag;

/** Findings about reading a file and parsing its YAML (codes TP0xxx). */
public enum InputRule implements Rule {
    UNREADABLE("TP0001", Severity.ERROR, "The input cannot be read."),
    BINARY("TP0002", Severity.ERROR, "The input is binary or not valid UTF-8."),
    TOO_LARGE("TP0003", Severity.ERROR, "The input exceeds the size limit."),
    YAML_SYNTAX("TP0004", Severity.ERROR, "The input is not well-formed YAML."),
    YAML_LIMIT("TP0005", Severity.ERROR, "The YAML exceeds a structural limit (aliases, nesting depth, node count or documents per file)."),
    DUPLICATE_KEY("TP0006", Severity.ERROR, "A mapping defines the same key twice."),
    NOT_A_MAPPING("TP0007", Severity.ERROR, "A document is not a mapping, so it cannot be a Kubernetes resource."),
    OTHER_KIND("TP0008", Severity.NOTE, "A document is not a TracingPolicy and was skipped."),
    EMPTY_FILE("TP0009", Severity.ERROR, "The file holds no YAML document."),
    UNSUPPORTED_YAML("TP0010", Severity.ERROR, "The YAML uses a construct Tetragon's loader cannot read (e.g. a non-scalar key).");

    private final String code;
    private final Severity severity;
    private final String summary;

    InputRule(String code, Severity severity, String summary) {
        this.code = code;
        this.severity = severity;
        this.summary = summary;
    }

    @Override public String code() { return code; }
    @Override public Severity severity() { return severity; }
    @Override public String summary() { return summary; }
}
