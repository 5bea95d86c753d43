package dev.tpc.runtime.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This node's name: the kernel's host name, or {@code this-host}. */
public final class HostName {
    private HostName() {
    }

    /** Usable as a profile name and a {@code node_name}: not blank, no comma. */
    public static String get() {
        try {
            String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!host.isEmpty() && !host.contains(",")) {
                return host;
            }
        } catch (IOException e) {
            // fall through to the fixed name
        }
        return "this-host";
    }
}
