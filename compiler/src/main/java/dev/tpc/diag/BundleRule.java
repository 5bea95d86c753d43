package dev.tpc.diag;

/**
 * Findings of {@code tpc compile} after the check (a hook tpc cannot lower or encode, two
 * policies that would write the same bundle) and of the strict bundle reader (codes TP9xxx).
 */
public enum BundleRule implements Rule {
    LOWERING_REFUSED("TP9001", Severity.ERROR, "A hook cannot be compiled for a target: tpc cannot lower it (or Tetragon's sensor would refuse it)."),
    ENCODING_REFUSED("TP9002", Severity.ERROR, "A hook cannot be encoded for a target: Tetragon's selector encoder (or tpc's) refuses its selectors."),
    DUPLICATE_BUNDLE("TP9003", Severity.ERROR, "Two policy documents compile to the same bundle file name."),
    WRITE_FAILED("TP9004", Severity.ERROR, "A bundle could not be written to the output directory."),
    TARGET_DIRECTORY("TP9005", Severity.ERROR, "Two targets would share one directory inside the bundle (their names differ only in characters a bundle entry name cannot hold)."),

    NOT_A_BUNDLE("TP9101", Severity.ERROR, "The file is not a tpc bundle: truncated, damaged, not in the canonical container form, or too large."),
    BUNDLE_DIGEST("TP9102", Severity.ERROR, "The bundle's whole-file SHA-256 does not match its content: the file was modified after tpc wrote it."),
    UNKNOWN_FORMAT("TP9103", Severity.ERROR, "The bundle has a format version this tpc cannot read."),
    MISSING_ENTRY("TP9104", Severity.ERROR, "An entry the bundle format requires is missing."),
    EXTRA_ENTRY("TP9105", Severity.ERROR, "The bundle holds an entry its manifest does not list, or the format does not allow."),
    ENTRY_DIGEST("TP9106", Severity.ERROR, "An entry's SHA-256 differs from the one its manifest records."),
    MALFORMED_ENTRY("TP9107", Severity.ERROR, "An entry is malformed: JSON not in canonical form, a missing or unknown field, a binary layout of the wrong size."),
    WRONG_ARCHITECTURE("TP9108", Severity.ERROR, "The bundle was compiled for another CPU architecture."),
    TARGET_NOT_IN_BUNDLE("TP9109", Severity.ERROR, "The bundle was not compiled for the requested target."),
    UNDECODABLE_HOOK("TP9110", Severity.ERROR, "A hook's filter blob, maps or event_config cannot be decoded back into selectors.");

    private final String code;
    private final Severity severity;
    private final String summary;

    BundleRule(String code, Severity severity, String summary) {
        this.code = code;
        this.severity = severity;
        this.summary = summary;
    }

    @Override public String code() { return code; }
    @Override public Severity severity() { return severity; }
    @Override public String summary() { return summary; }
}
