package dev.tpc.runtime.testing;

import dev.tpc.testing.Skip;
import dev.tpc.runtime.libbpf.LibbpfUnavailableException;
import dev.tpc.runtime.libbpf.Native;
import dev.tpc.runtime.sys.Privileges;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Preconditions of the tests that load BPF for real. Each one that is missing aborts the test with
 * the reason printed, so that a run without root (or without clang) says what it did not test.
 */
public final class BpfTestSupport {
    private BpfTestSupport() {
    }

    /** libbpf loaded and the process privileged enough to load programs. */
    public static Native requireBpf() {
        Native n;
        try {
            n = Native.get();
        } catch (LibbpfUnavailableException e) {
            return skip("libbpf unavailable: " + e.getMessage());
        }
        if (!Privileges.mayLoadBpf()) {
            return skip(Skip.Kind.ROOT, (Privileges.isRoot() ? "root without the capabilities" : "not root")
                    + ": loading BPF programs needs root (or CAP_BPF+CAP_PERFMON)");
        }
        return n;
    }

    /** The bytes of a test object compiled by src/test/bpf/build.sh. */
    public static byte[] testObject(String name) {
        String resource = "/bpf/" + name + ".bpf.o";
        try (InputStream in = BpfTestSupport.class.getResourceAsStream(resource)) {
            if (in == null) {
                String why = "";
                try (InputStream s = BpfTestSupport.class.getResourceAsStream("/bpf/SKIPPED")) {
                    if (s != null) {
                        why = ": " + new String(s.readAllBytes(), StandardCharsets.UTF_8).strip();
                    }
                }
                return skip("test BPF object " + resource + " was not built" + why);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            return skip("cannot read " + resource + ": " + e);
        }
    }

    public static <T> T skip(String reason) {
        return Skip.because(Skip.Kind.BPF, reason);
    }

    /** Skips for a missing precondition of this kind (or fails when the run requires it, see {@link Skip}). */
    public static <T> T skip(Skip.Kind kind, String reason) {
        return Skip.because(kind, reason);
    }
}
