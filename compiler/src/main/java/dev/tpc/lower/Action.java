package dev.tpc.lower;

/** A selector action with the arguments its encoding carries. */
public sealed interface Action {

    ActionKind kind();

    /** {@code rateLimitMs} already converted to milliseconds (capped at 2^32-1), scope 0 thread / 1 process / 2 global. */
    record Post(long rateLimitMs, int rateLimitScope, boolean kernelStackTrace, boolean userStackTrace, boolean imaHash)
            implements Action {
        public ActionKind kind() {
            return ActionKind.POST;
        }
    }

    record Sigkill() implements Action {
        public ActionKind kind() {
            return ActionKind.SIGKILL;
        }
    }

    /** Override of kprobes, LSM hooks and tracepoints: the error to return. */
    record Override(int argError) implements Action {
        public ActionKind kind() {
            return ActionKind.OVERRIDE;
        }
    }

    /** The URL stays in user space; the blob carries its ID in the hook's action-argument table. */
    record GetUrl(String url) implements Action {
        public ActionKind kind() {
            return ActionKind.GET_URL;
        }
    }

    /** The name stays in user space, like {@link GetUrl}. */
    record DnsLookup(String fqdn) implements Action {
        public ActionKind kind() {
            return ActionKind.DNS_LOOKUP;
        }
    }

    record NoPost() implements Action {
        public ActionKind kind() {
            return ActionKind.NO_POST;
        }
    }

    record Signal(long argSig) implements Action {
        public ActionKind kind() {
            return ActionKind.SIGNAL;
        }
    }

    record TrackSock(long argSock) implements Action {
        public ActionKind kind() {
            return ActionKind.TRACK_SOCK;
        }
    }

    record UntrackSock(long argSock) implements Action {
        public ActionKind kind() {
            return ActionKind.UNTRACK_SOCK;
        }
    }

    /** {@code argIndex} is 0xFFFFFFFE unless set; Tetragon 1.8.13 leaves it so even for raw_syscalls/sys_enter. */
    record NotifyEnforcer(int argError, long argSig, long argIndex) implements Action {
        public static final long NO_ARG_INDEX = 0xFFFF_FFFEL;

        public ActionKind kind() {
            return ActionKind.NOTIFY_ENFORCER;
        }
    }

    record CleanupEnforcerNotification() implements Action {
        public ActionKind kind() {
            return ActionKind.CLEANUP_ENFORCER_NOTIFICATION;
        }
    }

    record Set(long argIndex, long argValue) implements Action {
        public ActionKind kind() {
            return ActionKind.SET;
        }
    }
}
