package dev.tpc.runtime.events;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the user-space process cache knows about one execution (a process between two execs).
 * {@code ktime} is the boot-clock time of the exec (or start, for processes seen through /proc);
 * with {@code pid} it identifies the execution and forms its {@code exec_id}.
 *
 * @param flags Tetragon's words: {@code execve}, {@code procFS}, {@code clone}, {@code rootcwd}, ...
 */
public record ProcessInfo(int pid, long ktime, int ppid, long pktime, long uid, long auid, String cwd,
        String binary, String arguments, Set<String> flags) {

    /** auid of a process without a login session. */
    public static final long NO_AUID = 4294967295L;

    public ProcessInfo {
        cwd = cwd == null ? "" : cwd;
        binary = binary == null ? "" : binary;
        arguments = arguments == null ? "" : arguments;
        flags = Set.copyOf(new LinkedHashSet<>(flags));
    }

    ProcessInfo withKtime(long newKtime) {
        return new ProcessInfo(pid, newKtime, ppid, pktime, uid, auid, cwd, binary, arguments, flags);
    }

    /** Flags in Tetragon's order of appearance, space separated. */
    public String flagWords() {
        StringBuilder sb = new StringBuilder();
        for (String f : FLAG_ORDER) {
            if (flags.contains(f)) {
                sb.append(sb.length() == 0 ? "" : " ").append(f);
            }
        }
        return sb.toString();
    }

    /** Flags render in this order (a Set has none). */
    static final java.util.List<String> FLAG_ORDER = java.util.List.of(
            "execve", "procFS", "truncFilename", "truncArgs", "rootcwd", "clone", "miss");
}
