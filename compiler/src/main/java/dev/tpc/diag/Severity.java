package dev.tpc.diag;

/** How bad a finding is. Ordered from most to least severe. */
public enum Severity {
    ERROR, WARNING, NOTE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
