package dev.tpc.runtime.libbpf;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NativeTest {

    @Test
    void olderSonameIsNamedInTheRefusal() {
        String m = Native.explainMissing(List.of(Path.of("/usr/lib/x86_64-linux-gnu/libbpf.so.0"),
                Path.of("/usr/lib/x86_64-linux-gnu/libbpf.so.0.5.0")), "libbpf.so.1: cannot open shared object file");
        assertTrue(m.contains("libbpf.so.0, libbpf.so.0.5.0"), m);
        assertTrue(m.contains("Ubuntu 22.04"), m);
        assertTrue(m.contains("libbpf1"), m);
        assertFalse(m.contains("cannot open shared object"), "the loader's wording is replaced by the diagnosis: " + m);
    }

    @Test
    void noLibbpfAtAllKeepsTheLoaderMessage() {
        String m = Native.explainMissing(List.of(), "libbpf.so.1: cannot open shared object file");
        assertTrue(m.contains("cannot open shared object file"), m);
        assertTrue(m.contains("apt-get install libbpf1"), m);
    }
}
