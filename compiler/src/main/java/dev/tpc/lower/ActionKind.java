package dev.tpc.lower;

import java.util.Optional;

/** Selector actions with their kernel IDs ({@code ACTION_*} in BPF), as of Tetragon 1.8.13. */
public enum ActionKind implements TetragonEnum {
    POST(0, "Post"),
    SIGKILL(2, "Sigkill"),
    OVERRIDE(4, "Override"),
    GET_URL(6, "GetUrl"),
    DNS_LOOKUP(7, "DnsLookup"),
    NO_POST(8, "NoPost"),
    SIGNAL(9, "Signal"),
    TRACK_SOCK(10, "TrackSock"),
    UNTRACK_SOCK(11, "UntrackSock"),
    NOTIFY_ENFORCER(12, "NotifyEnforcer"),
    CLEANUP_ENFORCER_NOTIFICATION(13, "CleanupEnforcerNotification"),
    SET(14, "Set");

    private final int id;
    private final String canonicalName;

    ActionKind(int id, String canonicalName) {
        this.id = id;
        this.canonicalName = canonicalName;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public String canonicalName() {
        return canonicalName;
    }

    /** Case-insensitive, like Tetragon's tables (which lower-case before the lookup). */
    public static Optional<ActionKind> parse(String s) {
        return TetragonEnum.byName(ActionKind.class, s);
    }

    public static Optional<ActionKind> fromId(int id) {
        return TetragonEnum.byId(ActionKind.class, id);
    }

    /** Actions Tetragon skips in monitor mode and counts as enforcement. */
    public boolean isEnforcement() {
        return this == SIGKILL || this == SIGNAL || this == NOTIFY_ENFORCER || this == OVERRIDE || this == SET;
    }
}
