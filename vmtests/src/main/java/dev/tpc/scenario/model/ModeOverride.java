package dev.tpc.scenario.model;

/** The {@code policy-mode} a scenario imposes on its policies. */
public enum ModeOverride {
    MONITOR, ENFORCE
}
