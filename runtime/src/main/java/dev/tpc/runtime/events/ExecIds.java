package dev.tpc.runtime.events;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Tetragon's execution ids: base64 of {@code <node>:<ktime>:<pid>}. */
public final class ExecIds {
    private ExecIds() {
    }

    public static String of(String nodeName, long ktime, int pid) {
        String raw = nodeName + ":" + ktime + ":" + pid;
        return Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }
}
