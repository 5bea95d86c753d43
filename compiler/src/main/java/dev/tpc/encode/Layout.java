package dev.tpc.encode;

/**
 * How Tetragon numbers a policy's inner maps. {@link #SINGLE_HOOK}: every hook counts its map
 * IDs from 0 (one program per kprobe). {@link #KPROBE_MULTI}: Tetragon attaches all kprobes of
 * the policy with one kprobe_multi program, and the string, prefix and postfix maps (not the
 * value and address maps) are numbered across the policy's kprobes, in policy order, each
 * kprobe's entry selectors before its return selectors.
 */
public enum Layout { SINGLE_HOOK, KPROBE_MULTI }
