package dev.tpc.runtime.libbpf;

import java.nio.charset.StandardCharsets;

/**
 * Captures libbpf's own messages ("libbpf: prog 'x': failed to attach ...") instead of letting them
 * go to stderr, so that errors carry them and nothing else is printed.
 *
 * <p>libbpf hands its print callback a format and a {@code va_list}. jnr-ffi cannot read a va_list,
 * but it need not: on x86-64 and aarch64 a va_list argument is passed as a pointer, and that pointer
 * goes back unchanged to libc's {@code vsnprintf}, which formats the message. Verifier logs do not
 * rely on this: they are captured per program with {@code bpf_program__set_log_buf}.
 * {@code -Dtpc.libbpf.print=off} silences libbpf instead (no formatting at all).
 */
public final class LibbpfLog {
    private static final int LEVEL_WARN = 0;
    private static final int LEVEL_INFO = 1;
    private static final int FORMAT_BUFFER = 8192;
    private static final int CAPTURE_LIMIT = 64 * 1024;

    /** Kept in a static field so that the native callback can never be collected. */
    private static LibBpf.PrintCallback callback;
    private static final ThreadLocal<StringBuilder> CAPTURED = ThreadLocal.withInitial(StringBuilder::new);

    private LibbpfLog() {
    }

    static void install(Native n) {
        if ("off".equals(System.getProperty("tpc.libbpf.print"))) {
            callback = (level, format, args) -> 0;
        } else {
            Libc libc = n.libc();
            callback = (level, format, args) -> {
                byte[] buf = new byte[FORMAT_BUFFER];
                int len = libc.vsnprintf(buf, buf.length, format, args);
                String text = new String(buf, 0, Math.max(0, Math.min(len, buf.length - 1)), StandardCharsets.UTF_8);
                record(level, text);
                return 0;
            };
        }
        n.bpf().libbpf_set_print(callback);
    }

    private static void record(int level, String text) {
        if (level > LEVEL_INFO) {
            return;
        }
        // verifier logs come separately through the per-program log buffer
        if (text.contains("-- BEGIN PROG LOAD LOG --")) {
            return;
        }
        StringBuilder sb = CAPTURED.get();
        if (sb.length() < CAPTURE_LIMIT) {
            sb.append(text);
        }
        if (level == LEVEL_WARN && sb.length() >= CAPTURE_LIMIT) {
            sb.setLength(CAPTURE_LIMIT);
        }
    }

    /** Forgets the messages libbpf printed on this thread so far. */
    public static void clear() {
        CAPTURED.get().setLength(0);
    }

    /** The warnings and notes libbpf printed on this thread since the last {@link #clear()}, then clears. */
    public static String take() {
        StringBuilder sb = CAPTURED.get();
        String s = sb.toString().strip();
        sb.setLength(0);
        return s;
    }
}
