package dev.tpc.lower;

import java.util.Locale;
import java.util.Optional;

/** Linux namespaces with the IDs Tetragon's selectors use (case-insensitive names). */
public enum Namespace implements TetragonEnum {
    UTS(0, "Uts"),
    IPC(1, "Ipc"),
    MNT(2, "Mnt"),
    PID(3, "Pid"),
    PID_FOR_CHILDREN(4, "PidForChildren"),
    NET(5, "Net"),
    TIME(6, "Time"),
    TIME_FOR_CHILDREN(7, "TimeForChildren"),
    CGROUP(8, "Cgroup"),
    USER(9, "User");

    private final int id;
    private final String canonicalName;

    Namespace(int id, String canonicalName) {
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

    /** The name under {@code /proc/<pid>/ns/}, which is how the node reads a host namespace inode. */
    public String procName() {
        return switch (this) {
            case PID_FOR_CHILDREN -> "pid_for_children";
            case TIME_FOR_CHILDREN -> "time_for_children";
            default -> canonicalName.toLowerCase(Locale.ROOT);
        };
    }

    /** Case-insensitive, like Tetragon's tables (which lower-case before the lookup). */
    public static Optional<Namespace> parse(String s) {
        return TetragonEnum.byName(Namespace.class, s);
    }

    public static Optional<Namespace> fromId(int id) {
        return id >= 0 && id < values().length ? Optional.of(values()[id]) : Optional.empty();
    }
}
