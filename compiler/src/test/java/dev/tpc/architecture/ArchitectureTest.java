package dev.tpc.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.testing.RepoFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module rules of the house, read from the main sources of every module: no cycle between
 * dev.tpc packages (data flows one way through the stages), and a core that knows nothing of
 * picocli or Maven and loads no native code, so that check and compile run anywhere.
 */
class ArchitectureTest {
    /** A reference to a class of another dev.tpc package, imported or written out in the code. */
    private static final Pattern TPC_REFERENCE = Pattern.compile("\\b(dev\\.tpc(?:\\.[a-z][a-z0-9_]*)+)\\.[A-Z]");
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern FRONT_END_OR_NATIVE = Pattern.compile(
            "\\b(picocli|org\\.apache\\.maven|jnr\\.|com\\.kenai\\.jffi|System\\.loadLibrary|System\\.load\\(|Runtime\\.getRuntime\\(\\)\\.load)");

    record Source(Path file, String pkg, String code) {}

    private static List<Source> mainSources() throws IOException {
        Path root = RepoFiles.root();
        List<Source> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root, 6)) {
            List<Path> dirs = walk.filter(p -> p.endsWith(Path.of("src", "main", "java")) && Files.isDirectory(p))
                    .filter(p -> !root.relativize(p).toString().contains("target")).toList();
            for (Path dir : dirs) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.filter(f -> f.toString().endsWith(".java")).forEach(f -> out.add(read(root, f)));
                }
            }
        }
        return out;
    }

    private static Source read(Path root, Path file) {
        try {
            String code = withoutCommentsAndStrings(Files.readString(file, StandardCharsets.UTF_8));
            Matcher m = PACKAGE.matcher(code);
            return new Source(root.relativize(file), m.find() ? m.group(1) : "", code);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Comments and string literals mention classes without depending on them. */
    static String withoutCommentsAndStrings(String s) {
        return s.replaceAll("(?s)/\\*.*?\\*/", " ")
                .replaceAll("(?m)//.*$", " ")
                .replaceAll("(?s)\"\"\".*?\"\"\"", "\"\"")
                .replaceAll("\"(?:\\\\.|[^\"\\\\\\n])*\"", "\"\"");
    }

    @Test
    void thereIsNoCycleBetweenPackages() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        for (Source s : mainSources()) {
            Set<String> deps = uses.computeIfAbsent(s.pkg(), k -> new TreeSet<>());
            Matcher m = TPC_REFERENCE.matcher(s.code());
            while (m.find()) {
                if (!m.group(1).equals(s.pkg())) {
                    deps.add(m.group(1));
                }
            }
        }
        assertTrue(uses.size() > 10, "the walk should find the project's packages: " + uses.keySet());
        assertEquals(List.of(), cycles(uses), "package cycles (each line: the packages of one cycle)");
    }

    @Test
    void theCoreKnowsNoFrontEndAndLoadsNoNativeCode() throws IOException {
        List<String> offending = new ArrayList<>();
        for (Source s : mainSources()) {
            if (!s.file().startsWith("compiler")) {
                continue;
            }
            Matcher m = FRONT_END_OR_NATIVE.matcher(s.code());
            if (m.find()) {
                offending.add(s.file() + ": " + m.group(1));
            }
        }
        assertEquals(List.of(), offending);
    }

    @Test
    void theCheckerFindsACycleWhenThereIsOne() {
        Map<String, Set<String>> g = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
        assertEquals(List.of("a -> b -> c"), cycles(g));
        assertEquals("x y", withoutCommentsAndStrings("x /* dev.tpc.a.B */y").replaceAll("\\s+", " ").strip());
    }

    /** The strongly connected components with more than one package (Tarjan), each sorted. */
    static List<String> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new java.util.HashSet<>();
        List<String> found = new ArrayList<>();
        int[] counter = {0};
        for (String v : new TreeSet<>(graph.keySet())) {
            if (!index.containsKey(v)) {
                strongConnect(v, graph, index, low, stack, onStack, found, counter);
            }
        }
        found.sort(null);
        return found;
    }

    private static void strongConnect(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
                                      Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                                      List<String> found, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]);
        counter[0]++;
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                strongConnect(w, graph, index, low, stack, onStack, found, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            TreeSet<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                found.add(String.join(" -> ", component));
            }
        }
    }
}
