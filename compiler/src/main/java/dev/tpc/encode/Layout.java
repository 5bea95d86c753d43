package dev.tpc.encode;

import dev.tpc.lower.LoweredPolicy;
import dev.tpc.target.Availability;
import dev.tpc.target.Feature;
import dev.tpc.target.TargetProfile;

/**
 * How Tetragon numbers a policy's inner maps. {@link #SINGLE_HOOK}: every hook counts its map
 * IDs from 0 (one program per kprobe). {@link #KPROBE_MULTI}: Tetragon attaches all kprobes of
 * the policy with one kprobe_multi program, and the string, prefix and postfix maps (not the
 * value and address maps) are numbered across the policy's kprobes, in policy order, each
 * kprobe's entry selectors before its return selectors.
 */
public enum Layout {
    SINGLE_HOOK, KPROBE_MULTI;

    /**
     * The layout Tetragon picks: kprobe_multi where the target has it, unless the policy sets
     * {@code disable-kprobe-multi}. tpc's own runtime uses {@link #SINGLE_HOOK}.
     */
    public static Layout tetragon(TargetProfile profile, LoweredPolicy policy) {
        return profile.has(Feature.KPROBE_MULTI) == Availability.YES && !policy.kprobeMultiDisabled()
                ? KPROBE_MULTI : SINGLE_HOOK;
    }
}
