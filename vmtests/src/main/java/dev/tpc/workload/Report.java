package dev.tpc.workload;

import dev.tpc.workload.WorkloadResult.Aborted;
import dev.tpc.workload.WorkloadResult.CallResult;
import dev.tpc.workload.WorkloadResult.Exited;
import dev.tpc.workload.WorkloadResult.Fate;
import dev.tpc.workload.WorkloadResult.NotStarted;
import dev.tpc.workload.WorkloadResult.Signaled;
import dev.tpc.workload.WorkloadResult.TimedOut;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the helper reported so far, read line by line from its standard output (the line format is
 * in {@code src/main/c/tpc_workload.c} and docs/workload-helper.md). Strict: a line it does not
 * know is a protocol error, which the driver turns into an {@link Aborted} fate rather than a
 * guess.
 */
final class Report {
    private boolean banner;
    private int pid;
    private final List<CallResult> calls = new ArrayList<>();
    private Fate fate;
    private boolean ended;

    /** Thrown for a line that breaks the protocol. */
    static final class ProtocolException extends Exception {
        private static final long serialVersionUID = 1L;

        ProtocolException(String message) {
            super(message);
        }
    }

    void accept(String line) throws ProtocolException {
        if (ended) {
            throw new ProtocolException("a line after \"end\": " + shown(line));
        }
        if (!banner) {
            if (!line.equals("tpc-workload " + ProgramEncoder.VERSION)) {
                throw new ProtocolException("the helper speaks another protocol: " + shown(line));
            }
            banner = true;
            return;
        }
        String[] w = line.split(" ", 4);
        try {
            switch (w[0]) {
                case "pid" -> pid = Integer.parseInt(arity(w, 2)[1]);
                case "call" -> {
                    arity(w, 4);
                    int index = Integer.parseInt(w[1]);
                    if (index != calls.size()) {
                        throw new ProtocolException("call " + index + " reported where call " + calls.size() + " was due");
                    }
                    calls.add(new CallResult(index, Long.parseLong(w[2]), Integer.parseInt(w[3])));
                }
                case "exited" -> end(new Exited(Integer.parseInt(arity(w, 2)[1])));
                case "signaled" -> {
                    int signal = Integer.parseInt(arity(w, 2)[1]);
                    end(new Signaled(signal, signalName(signal)));
                }
                case "timeout" -> end(new TimedOut());
                case "aborted" -> end(new Aborted("the handle was closed before the step ended; its processes were killed"));
                case "notstarted" -> {
                    String[] n = line.split(" ", 4);
                    if (n.length != 4) {
                        throw new ProtocolException("a notstarted line without a message: " + shown(line));
                    }
                    end(new NotStarted(notStarted(n[1], Integer.parseInt(n[2]), n[3])));
                }
                case "end" -> {
                    arity(w, 1);
                    if (fate == null) {
                        throw new ProtocolException("\"end\" before the step's fate");
                    }
                    ended = true;
                }
                default -> throw new ProtocolException("an unknown line: " + shown(line));
            }
        } catch (NumberFormatException e) {
            throw new ProtocolException("a malformed line: " + shown(line));
        }
    }

    int pid() {
        return pid;
    }

    List<CallResult> calls() {
        return List.copyOf(calls);
    }

    boolean ended() {
        return ended;
    }

    Optional<Fate> fate() {
        return ended ? Optional.of(fate) : Optional.empty();
    }

    static String signalName(int signal) {
        return Constants.nameOf(signal, "signal").orElse("SIG" + signal);
    }

    /** "cannot execute /x: No such file or directory (ENOENT)"; a bad program says so. */
    private static String notStarted(String stage, int errno, String message) {
        if (stage.equals("program")) {
            return "the workload helper rejected the step program: " + message;
        }
        return errno == 0 ? message : message + " (" + Constants.nameOf(errno, "errno").orElse("errno " + errno) + ")";
    }

    private void end(Fate f) throws ProtocolException {
        if (fate != null) {
            throw new ProtocolException("a second fate");
        }
        fate = f;
    }

    private static String[] arity(String[] w, int n) throws ProtocolException {
        if (w.length != n) {
            throw new ProtocolException("a malformed line: " + String.join(" ", w));
        }
        return w;
    }

    private static String shown(String line) {
        String s = line.length() > 120 ? line.substring(0, 120) + "..." : line;
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(c -> b.append(c < 0x20 || c == 0x7f ? '?' : Character.toString(c)));
        return b.append('"').toString();
    }
}
