package dev.tpc.runtime.events;

import dev.tpc.abi.TemplateAbi;
import dev.tpc.abi.TemplateAbi.TpcEventHeader;
import dev.tpc.abi.TemplateAbi.TpcExecEvent;
import dev.tpc.abi.TemplateAbi.TpcExitEvent;
import dev.tpc.abi.TemplateAbi.TpcCloneEvent;
import dev.tpc.abi.TemplateAbi.TpcHookEvent;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses ring-buffer records of the template ABI ({@code tpc_*_event}) into plain values. Offsets
 * come from the generated {@link TemplateAbi}; a record that is shorter than its kind needs, or
 * of an unknown kind, yields empty (and is counted by the caller as malformed).
 */
public final class RecordDecoder {
    private RecordDecoder() {
    }

    /** The header fields every record starts with. */
    public record Header(int kind, int flags, long time, int pid, int tid, long ktime) {
        public boolean has(int flag) {
            return (flags & flag) != 0;
        }
    }

    public sealed interface Record {
        Header header();
    }

    /** {@code argv} is the whole argument area: argv[0], argv[1], ... */
    public record ExecRecord(Header header, int ppid, int nspid, long pktime, long uid, long euid, long auid,
            int procFlags, String binary, String cwd, List<String> argv) implements Record {
    }

    public record ExitRecord(Header header, int ppid, int exitCode, long pktime) implements Record {
        public int status() {
            return (exitCode >>> 8) & 0xff;
        }

        public int signal() {
            return exitCode & 0x7f;
        }
    }

    public record CloneRecord(Header header, int ppid, int procFlags, long pktime) implements Record {
    }

    /** A hook record; {@code args} is the raw argument area, {@code argOffsets} relative to it. */
    public record HookRecord(Header header, int hookId, int funcId, int selector, int nargs, int action, int signal,
            int ppid, long pktime, int[] argOffsets, ByteBuffer args) implements Record {
    }

    public static Optional<Record> decode(byte[] raw) {
        if (raw.length < TpcEventHeader.SIZE) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        Header h = new Header(b.getShort(TpcEventHeader.KIND_OFFSET) & 0xffff, b.getShort(TpcEventHeader.FLAGS_OFFSET) & 0xffff,
                b.getLong(TpcEventHeader.TIME_OFFSET), b.getInt(TpcEventHeader.PID_OFFSET), b.getInt(TpcEventHeader.TID_OFFSET),
                b.getLong(TpcEventHeader.KTIME_OFFSET));
        int size = Math.min(raw.length, Math.max(0, b.getInt(TpcEventHeader.SIZE_OFFSET)));
        if (h.kind() == TemplateAbi.EventKind.EXEC && size >= TpcExecEvent.SIZE) {
            return Optional.of(exec(h, b, size));
        }
        if (h.kind() == TemplateAbi.EventKind.EXIT && size >= TpcExitEvent.SIZE) {
            return Optional.of(new ExitRecord(h, b.getInt(TpcExitEvent.PPID_OFFSET), b.getInt(TpcExitEvent.EXIT_CODE_OFFSET),
                    b.getLong(TpcExitEvent.PKTIME_OFFSET)));
        }
        if (h.kind() == TemplateAbi.EventKind.CLONE && size >= TpcCloneEvent.SIZE) {
            return Optional.of(new CloneRecord(h, b.getInt(TpcCloneEvent.PPID_OFFSET), b.getInt(TpcCloneEvent.PROC_FLAGS_OFFSET),
                    b.getLong(TpcCloneEvent.PKTIME_OFFSET)));
        }
        if (h.kind() == TemplateAbi.EventKind.HOOK && size >= TpcHookEvent.SIZE) {
            return Optional.of(hook(h, b, size));
        }
        return Optional.empty();
    }

    private static ExecRecord exec(Header h, ByteBuffer b, int size) {
        int binLen = b.getShort(TpcExecEvent.BIN_LEN_OFFSET) & 0xffff;
        int cwdLen = b.getShort(TpcExecEvent.CWD_LEN_OFFSET) & 0xffff;
        int argsLen = b.getShort(TpcExecEvent.ARGS_LEN_OFFSET) & 0xffff;
        int at = TpcExecEvent.SIZE;
        String bin = string(b, at, binLen, size);
        at += binLen;
        String cwd = string(b, at, cwdLen, size);
        at += cwdLen;
        List<String> argv = new ArrayList<>();
        int end = Math.min(size, at + argsLen);
        int start = at;
        for (int i = at; i < end; i++) {
            if (b.get(i) == 0) {
                argv.add(string(b, start, i - start, size));
                start = i + 1;
            }
        }
        if (start < end) {
            argv.add(string(b, start, end - start, size));
        }
        return new ExecRecord(h, b.getInt(TpcExecEvent.PPID_OFFSET), b.getInt(TpcExecEvent.NSPID_OFFSET),
                b.getLong(TpcExecEvent.PKTIME_OFFSET), b.getInt(TpcExecEvent.UID_OFFSET) & 0xffffffffL,
                b.getInt(TpcExecEvent.EUID_OFFSET) & 0xffffffffL, b.getInt(TpcExecEvent.AUID_OFFSET) & 0xffffffffL,
                b.getInt(TpcExecEvent.PROC_FLAGS_OFFSET), bin, cwd, argv);
    }

    private static HookRecord hook(Header h, ByteBuffer b, int size) {
        int argsSize = b.getInt(TpcHookEvent.ARGS_SIZE_OFFSET);
        int argsEnd = (int) Math.min(size, (long) TpcHookEvent.SIZE + Math.max(0, argsSize));
        int[] offsets = new int[TpcHookEvent.ARG_OFF_COUNT];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = b.getShort(TpcHookEvent.ARG_OFF_OFFSET + i * TpcHookEvent.ARG_OFF_ELEMENT_SIZE) & 0xffff;
        }
        ByteBuffer args = b.duplicate().position(TpcHookEvent.SIZE).limit(argsEnd).slice().order(ByteOrder.LITTLE_ENDIAN);
        return new HookRecord(h, b.getInt(TpcHookEvent.HOOK_ID_OFFSET), b.getInt(TpcHookEvent.FUNC_ID_OFFSET),
                b.get(TpcHookEvent.SELECTOR_OFFSET) & 0xff,
                b.get(TpcHookEvent.NARGS_OFFSET) & 0xff, b.getInt(TpcHookEvent.ACTION_OFFSET), b.getInt(TpcHookEvent.SIGNAL_OFFSET),
                b.getInt(TpcHookEvent.PPID_OFFSET), b.getLong(TpcHookEvent.PKTIME_OFFSET), offsets, args);
    }

    private static String string(ByteBuffer b, int at, int len, int size) {
        int n = Math.max(0, Math.min(len, size - at));
        byte[] bytes = new byte[n];
        b.get(at, bytes);
        int end = n;
        while (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
