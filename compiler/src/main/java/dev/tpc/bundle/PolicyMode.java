package dev.tpc.bundle;

import java.util.Optional;

/**
 * A policy's {@code policy_conf.mode}: what the option {@code policy-mode} asks for, unless the
 * policy has no enforcement action anywhere, in which case Tetragon makes it monitor only (and
 * refuses to switch it to enforce later).
 */
public enum PolicyMode {
    ENFORCE("enforce", 0), MONITOR("monitor", 1), MONITOR_ONLY("monitor_only", 2);

    private final String id;
    private final int value;

    PolicyMode(String id, int value) {
        this.id = id;
        this.value = value;
    }

    public String id() {
        return id;
    }

    /** The byte {@code policy_conf} holds. */
    public int value() {
        return value;
    }

    /** @param option the value of the {@code policy-mode} option, if the policy sets it */
    public static PolicyMode of(Optional<String> option, boolean hasEnforcementAction) {
        if (!hasEnforcementAction) {
            return MONITOR_ONLY;
        }
        return option.filter("monitor"::equals).isPresent() ? MONITOR : ENFORCE;
    }

    public static Optional<PolicyMode> byId(String id) {
        for (PolicyMode m : values()) {
            if (m.id.equals(id)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
