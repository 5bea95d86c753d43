package dev.tpc.runtime.plan;

/**
 * A BPF template object: its name (one per hook kind, e.g. {@code generic_tracepoint}) and the
 * variant chosen for the target kernel (e.g. {@code v61}).
 */
public record TemplateRef(String name, String variant) {
    public TemplateRef {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("template name is required");
        }
        variant = variant == null ? "" : variant;
    }

    @Override
    public String toString() {
        return variant.isEmpty() ? name : name + "/" + variant;
    }
}
