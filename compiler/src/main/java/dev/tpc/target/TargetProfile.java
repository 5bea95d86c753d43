package dev.tpc.target;

/**
 * A kernel tpc can judge a policy for: its version and the BPF features that decide what
 * Tetragon can do there. Placeholder shape; the target-profile work defines the full record.
 */
public record TargetProfile(String name, String kernelVersion) {}
