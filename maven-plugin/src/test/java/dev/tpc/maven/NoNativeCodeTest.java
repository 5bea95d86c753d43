package dev.tpc.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The plugin runs wherever Maven runs (macOS, Windows, builds without root): neither the runtime
 * nor the native binding it loads libbpf through may be on its class path, where a goal could
 * reach them by accident.
 */
class NoNativeCodeTest {
    @Test
    void neitherTheRuntimeNorJnrFfiIsOnThePluginsClassPath() {
        List<String> present = Stream.of("dev.tpc.runtime.TpcRuntime", "dev.tpc.runtime.libbpf.Native", "jnr.ffi.LibraryLoader",
                "com.kenai.jffi.Foreign").filter(NoNativeCodeTest::loadable).toList();
        assertEquals(List.of(), present, "classes the plugin must not be able to load");
    }

    private static boolean loadable(String name) {
        try {
            Class.forName(name, false, NoNativeCodeTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
