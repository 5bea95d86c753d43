package dev.tpc.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin carries the runtime for {@code tpc:test} (the scenario runner, libbpf through jnr-ffi,
 * the BPF objects), but {@code tpc:check} and {@code tpc:compile} must run wherever Maven runs
 * (macOS, Windows, builds without root) and so may not load any of it: no class of the runtime,
 * the scenario runner or jnr-ffi, and so no native code (jnr-ffi loads its native stub, and
 * libbpf, only when such a class binds a library).
 *
 * <p>The goals run in-process in a class loader of the test's own that records every class it
 * defines, from the plugin's whole class path; the test then looks for those packages among them.
 */
class NoNativeCodeTest {
    /** What loads or leads to native code: the runtime, the scenario runner and workload helper, jnr-ffi and jffi. */
    private static final List<String> NATIVE_SIDE = List.of("dev.tpc.runtime.", "dev.tpc.scenario.", "dev.tpc.workload.",
            "jnr.", "com.kenai.jffi.");

    private static final String POLICY = "apiVersion: cilium.io/v1alpha1\nkind: TracingPolicy\nmetadata:\n  name: %s\n"
            + "spec:\n  kprobes:\n  - call: \"sys_write\"\n    syscall: true\n%s";

    @TempDir
    Path projects;

    @Test
    void checkAndCompileLoadNoClassOfTheRuntimeTheScenarioRunnerOrJnrFfi() throws Exception {
        Path passing = project("passing", String.format(POLICY, "good", ""));
        Path failing = project("failing", String.format(POLICY, "bad", "    syscall: false\n"));
        try (RecordingLoader loader = new RecordingLoader(testClassPath())) {
            Method runs = loader.loadClass(GoalRuns.class.getName()).getMethod("checkAndCompile", Path.class, Path.class);
            @SuppressWarnings("unchecked")
            List<String> outcomes = (List<String>) runs.invoke(null, passing, failing);

            // the goals really ran, on both paths
            assertEquals("check passing: success", outcomes.get(0));
            assertEquals("compile passing: success", outcomes.get(1));
            assertTrue(outcomes.get(2).startsWith("check failing: failure: tpc check found 1 error"), outcomes.get(2));
            assertEquals("check skipped: success", outcomes.get(3));
            assertTrue(Files.isRegularFile(passing.resolve("target/tpc/bundles/good.tpb")), "compile wrote its bundle");

            List<String> loaded = loader.defined().stream().filter(NoNativeCodeTest::nativeSide).sorted().toList();
            assertEquals(List.of(), loaded, "classes check and compile loaded that they must not");

            // the recording sees these classes when something does load them: the assertion above can fail
            Class.forName("dev.tpc.scenario.run.ScenarioRunner", false, loader);
            Class.forName("jnr.ffi.LibraryLoader", false, loader);
            assertTrue(loader.defined().containsAll(Set.of("dev.tpc.scenario.run.ScenarioRunner", "jnr.ffi.LibraryLoader")),
                    "the runtime is on the plugin's class path, and the recording loader defines its classes");
        }
    }

    private static boolean nativeSide(String className) {
        return NATIVE_SIDE.stream().anyMatch(className::startsWith);
    }

    private Path project(String name, String policy) throws IOException {
        Path dir = projects.resolve(name);
        Files.createDirectories(dir.resolve("src/main/tetragon"));
        Files.writeString(dir.resolve("src/main/tetragon/" + name + ".yaml"), policy, StandardCharsets.UTF_8);
        return dir;
    }

    /** The test's class path as Surefire gives it (its own booter jar may stand for it on java.class.path). */
    private static URL[] testClassPath() throws MalformedURLException {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }

    /** Defines every class of the class path itself (only the JDK comes from its parent) and remembers which. */
    private static final class RecordingLoader extends URLClassLoader {
        private final Set<String> defined = ConcurrentHashMap.newKeySet();

        RecordingLoader(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            Class<?> c = super.findClass(name);
            defined.add(name);
            return c;
        }

        Set<String> defined() {
            return Set.copyOf(defined);
        }
    }
}
