package dev.tpc.runtime.events;

import dev.tpc.abi.TemplateAbi.TgAction;

/** Tetragon's names ({@code KPROBE_ACTION_*}) for the action ids in hook records. */
public final class Actions {
    private Actions() {
    }

    public static String name(int action) {
        if (action == TgAction.POST) {
            return "KPROBE_ACTION_POST";
        } else if (action == TgAction.SIGKILL) {
            return "KPROBE_ACTION_SIGKILL";
        } else if (action == TgAction.OVERRIDE) {
            return "KPROBE_ACTION_OVERRIDE";
        } else if (action == TgAction.GETURL) {
            return "KPROBE_ACTION_GETURL";
        } else if (action == TgAction.DNSLOOKUP) {
            return "KPROBE_ACTION_DNSLOOKUP";
        } else if (action == TgAction.NOPOST) {
            return "KPROBE_ACTION_NOPOST";
        } else if (action == TgAction.SIGNAL) {
            return "KPROBE_ACTION_SIGNAL";
        } else if (action == TgAction.TRACKSOCK) {
            return "KPROBE_ACTION_TRACKSOCK";
        } else if (action == TgAction.UNTRACKSOCK) {
            return "KPROBE_ACTION_UNTRACKSOCK";
        } else if (action == TgAction.NOTIFY_ENFORCER) {
            return "KPROBE_ACTION_NOTIFYENFORCER";
        } else if (action == TgAction.CLEANUP_ENFORCER_NOTIFICATION) {
            return "KPROBE_ACTION_CLEANUPENFORCERNOTIFICATION";
        } else if (action == TgAction.SET) {
            return "KPROBE_ACTION_SET";
        }
        return "KPROBE_ACTION_UNKNOWN";
    }
}
