package dev.tpc.runtime.probe;

/**
 * One fact about the running kernel.
 *
 * @param key      the profile feature key ({@code kprobe_multi}, ...) or, for facts the profile
 *                 format has no key for, a descriptive one ({@code kprobe_attach})
 * @param value    yes, no or unknown
 * @param basis    how it is known: {@code probed} (loaded and attached here), {@code config},
 *                 {@code version} (follows from the kernel version), {@code unmeasured}
 * @param evidence what was tried and what the kernel said
 * @param profileFeature whether the profile file format has this key
 */
public record ProbeResult(String key, Value value, String basis, String evidence, boolean profileFeature) {

    public enum Value {
        YES("true"), NO("false"), UNKNOWN("unknown");

        private final String text;

        Value(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        static Value of(boolean b) {
            return b ? YES : NO;
        }
    }

    static ProbeResult probed(String key, boolean yes, String evidence) {
        return new ProbeResult(key, Value.of(yes), "probed", evidence, true);
    }

    static ProbeResult extra(String key, boolean yes, String evidence) {
        return new ProbeResult(key, Value.of(yes), "probed", evidence, false);
    }
}
