package dev.tpc.runtime.libbpf;

import java.util.Map;

/** Names of the errno values the BPF system calls return, for messages that a user can search for. */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EBADF = 9;
    public static final int E2BIG = 7;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EFAULT = 14;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int EINVAL = 22;
    public static final int ENOSPC = 28;
    public static final int EINTR = 4;
    public static final int ENOSYS = 38;
    public static final int EOPNOTSUPP = 95;
    public static final int ENOTSUPP = 524;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(EPERM, "EPERM (operation not permitted)"),
            Map.entry(ENOENT, "ENOENT (no such file or directory)"),
            Map.entry(ESRCH, "ESRCH (no such process)"),
            Map.entry(EINTR, "EINTR (interrupted)"),
            Map.entry(E2BIG, "E2BIG (argument list too long)"),
            Map.entry(EBADF, "EBADF (bad file descriptor)"),
            Map.entry(EAGAIN, "EAGAIN (try again)"),
            Map.entry(ENOMEM, "ENOMEM (out of memory)"),
            Map.entry(EACCES, "EACCES (permission denied)"),
            Map.entry(EFAULT, "EFAULT (bad address)"),
            Map.entry(EBUSY, "EBUSY (device or resource busy)"),
            Map.entry(EEXIST, "EEXIST (exists)"),
            Map.entry(EINVAL, "EINVAL (invalid argument)"),
            Map.entry(ENOSPC, "ENOSPC (no space left)"),
            Map.entry(ENOSYS, "ENOSYS (function not implemented)"),
            Map.entry(EOPNOTSUPP, "EOPNOTSUPP (operation not supported)"),
            Map.entry(ENOTSUPP, "ENOTSUPP (operation not supported by the kernel)"),
            Map.entry(4007, "LIBBPF_ERRNO__PROG2BIG (program too big)"),
            Map.entry(4003, "LIBBPF_ERRNO__FORMAT (BPF object format invalid)"),
            Map.entry(4004, "LIBBPF_ERRNO__KVERSION (incorrect or no 'version' section)"),
            Map.entry(4001, "LIBBPF_ERRNO__LIBELF (something wrong in libelf)"),
            Map.entry(4009, "LIBBPF_ERRNO__KVER (incorrect kernel version)"),
            Map.entry(4006, "LIBBPF_ERRNO__VERIFY (kernel verifier blocks program loading)"));

    private Errno() {
    }

    public static String describe(int errno) {
        int e = Math.abs(errno);
        return NAMES.getOrDefault(e, "errno " + e);
    }
}
