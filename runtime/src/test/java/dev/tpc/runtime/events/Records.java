package dev.tpc.runtime.events;

import dev.tpc.abi.TemplateAbi;
import dev.tpc.abi.TemplateAbi.TpcEventHeader;
import dev.tpc.abi.TemplateAbi.TpcExecEvent;
import dev.tpc.abi.TemplateAbi.TpcExitEvent;
import dev.tpc.abi.TemplateAbi.TpcHookEvent;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Builds ring-buffer records the way the templates write them (offsets from the generated ABI). */
final class Records {
    private Records() {
    }

    private static ByteBuffer header(int size, int kind, long time, int pid, int tid, long ktime) {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(TpcEventHeader.KIND_OFFSET, (short) kind);
        b.putInt(TpcEventHeader.SIZE_OFFSET, size);
        b.putLong(TpcEventHeader.TIME_OFFSET, time);
        b.putInt(TpcEventHeader.PID_OFFSET, pid);
        b.putInt(TpcEventHeader.TID_OFFSET, tid);
        b.putLong(TpcEventHeader.KTIME_OFFSET, ktime);
        return b;
    }

    static byte[] exec(long time, int pid, long ktime, int ppid, long pktime, int uid, String bin, String cwd, List<String> args) {
        byte[] binB = bin.getBytes(StandardCharsets.UTF_8);
        byte[] cwdB = cwd.getBytes(StandardCharsets.UTF_8);
        byte[] argsB = String.join("\0", args).getBytes(StandardCharsets.UTF_8);
        int size = TpcExecEvent.SIZE + binB.length + cwdB.length + argsB.length;
        ByteBuffer b = header(size, TemplateAbi.EventKind.EXEC, time, pid, pid, ktime);
        b.putInt(TpcExecEvent.PPID_OFFSET, ppid);
        b.putLong(TpcExecEvent.PKTIME_OFFSET, pktime);
        b.putInt(TpcExecEvent.UID_OFFSET, uid);
        b.putInt(TpcExecEvent.AUID_OFFSET, -1);
        b.putInt(TpcExecEvent.PROC_FLAGS_OFFSET, TemplateAbi.ProcFlag.EXEC);
        b.putShort(TpcExecEvent.BIN_LEN_OFFSET, (short) binB.length);
        b.putShort(TpcExecEvent.CWD_LEN_OFFSET, (short) cwdB.length);
        b.putShort(TpcExecEvent.ARGS_LEN_OFFSET, (short) argsB.length);
        b.put(TpcExecEvent.SIZE, binB).put(TpcExecEvent.SIZE + binB.length, cwdB)
                .put(TpcExecEvent.SIZE + binB.length + cwdB.length, argsB);
        return b.array();
    }

    static byte[] exit(long time, int pid, long ktime, int ppid, long pktime, int exitCode) {
        ByteBuffer b = header(TpcExitEvent.SIZE, TemplateAbi.EventKind.EXIT, time, pid, pid, ktime);
        b.putInt(TpcExitEvent.PPID_OFFSET, ppid);
        b.putInt(TpcExitEvent.EXIT_CODE_OFFSET, exitCode);
        b.putLong(TpcExitEvent.PKTIME_OFFSET, pktime);
        return b.array();
    }

    /** Argument area builder: each add returns the argument's offset. */
    static final class Args {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        int integer(long v) {
            int at = out.size();
            out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
            return at;
        }

        int string(String s, boolean truncated) {
            int at = out.size();
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length)
                    .putInt(truncated ? 1 : 0).array());
            out.writeBytes(bytes);
            return at;
        }

        int buffer(byte[] data, int originalLength) {
            int at = out.size();
            out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(originalLength)
                    .putInt(data.length).array());
            out.writeBytes(data);
            return at;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** A hook record of a hook with a return probe: {@code flags} RETURN_PENDING (entry) or RETURN, the pair id as func_id. */
    static byte[] pairedHook(long time, int pid, int tid, long ktime, int hookId, int pairId, int flags, int action,
            int[] argOffsets, byte[] args) {
        ByteBuffer b = ByteBuffer.wrap(hook(time, pid, tid, ktime, hookId, action, argOffsets, args)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(TpcHookEvent.FUNC_ID_OFFSET, pairId);
        b.putShort(TemplateAbi.TpcEventHeader.FLAGS_OFFSET, (short) flags);
        return b.array();
    }

    static byte[] hook(long time, int pid, int tid, long ktime, int hookId, int action, int[] argOffsets, byte[] args) {
        int size = TpcHookEvent.SIZE + args.length;
        ByteBuffer b = header(size, TemplateAbi.EventKind.HOOK, time, pid, tid, ktime);
        b.putInt(TpcHookEvent.HOOK_ID_OFFSET, hookId);
        b.put(TpcHookEvent.SELECTOR_OFFSET, (byte) 0);
        b.put(TpcHookEvent.NARGS_OFFSET, (byte) argOffsets.length);
        b.putInt(TpcHookEvent.ARGS_SIZE_OFFSET, args.length);
        b.putInt(TpcHookEvent.ACTION_OFFSET, action);
        for (int i = 0; i < TpcHookEvent.ARG_OFF_COUNT; i++) {
            int off = i < argOffsets.length ? argOffsets[i] : TemplateAbi.Limit.NO_ARG;
            b.putShort(TpcHookEvent.ARG_OFF_OFFSET + 2 * i, (short) off);
        }
        b.put(TpcHookEvent.SIZE, args);
        return b.array();
    }
}
