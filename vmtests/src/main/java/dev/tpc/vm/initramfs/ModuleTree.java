package dev.tpc.vm.initramfs;

import io.airlift.compress.zstd.ZstdInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.tukaani.xz.XZInputStream;

/**
 * A kernel's modules directory ({@code lib/modules/<release>}) as the initramfs builder needs
 * it: module files by name ({@code .ko}, {@code .ko.xz}, {@code .ko.zst}; dashes and underscores
 * are the same name, as for modprobe), the built-in modules of {@code modules.builtin}, and the
 * dependencies of each from its {@code .modinfo}. Debian's packages ship no {@code modules.dep}
 * (their postinst runs depmod), so this is how the load order is found.
 */
final class ModuleTree {
    private final Path dir;
    private final Map<String, Path> files = new HashMap<>();
    private final Set<String> builtin = new HashSet<>();

    ModuleTree(Path modulesDir) throws IOException {
        this.dir = modulesDir;
        try (Stream<Path> s = Files.walk(modulesDir)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                String f = p.getFileName().toString();
                String base = f.endsWith(".ko") ? f.substring(0, f.length() - 3)
                        : f.endsWith(".ko.xz") ? f.substring(0, f.length() - 6)
                        : f.endsWith(".ko.zst") ? f.substring(0, f.length() - 7) : null;
                if (base != null) {
                    files.putIfAbsent(normal(base), p);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Path list = modulesDir.resolve("modules.builtin");
        if (Files.isRegularFile(list)) {
            for (String line : Files.readAllLines(list)) {
                String f = Path.of(line.strip()).getFileName() == null ? "" : Path.of(line.strip()).getFileName().toString();
                if (f.endsWith(".ko")) {
                    builtin.add(normal(f.substring(0, f.length() - 3)));
                }
            }
        }
    }

    static String normal(String module) {
        return module.replace('-', '_');
    }

    /** One module to put in the initramfs: its name and its decompressed bytes. */
    record Module(String name, byte[] bytes) {}

    /**
     * The modules to load for {@code wanted}, dependencies first (depth-first on {@code depends=}),
     * each once; built-in ones are left out.
     *
     * @throws IOException when a wanted module or a dependency is neither a file nor built in
     */
    List<Module> resolve(List<String> wanted) throws IOException {
        Map<String, Module> order = new LinkedHashMap<>();
        for (String w : wanted) {
            add(normal(w), order, new ArrayList<>());
        }
        return List.copyOf(order.values());
    }

    private void add(String name, Map<String, Module> order, List<String> path) throws IOException {
        if (order.containsKey(name) || builtin.contains(name)) {
            return;
        }
        if (path.contains(name)) {
            throw new IOException("module dependency cycle: " + String.join(" -> ", path) + " -> " + name);
        }
        Path file = files.get(name);
        if (file == null) {
            throw new IOException("module " + name + " is neither in " + dir + " nor built in (modules.builtin)"
                    + (path.isEmpty() ? "" : "; needed by " + String.join(" <- ", reversed(path))));
        }
        byte[] bytes = decompress(file);
        ModuleInfo info = ModuleInfo.read(bytes).orElseThrow(() -> new IOException(file + " is not a kernel module"
                + " (no .modinfo section in an ELF64 object)"));
        path.add(name);
        for (String dep : info.depends()) {
            add(normal(dep.strip()), order, path);
        }
        path.remove(path.size() - 1);
        order.put(name, new Module(name, bytes));
    }

    private static List<String> reversed(List<String> path) {
        List<String> r = new ArrayList<>(path);
        Collections.reverse(r);
        return r;
    }

    static byte[] decompress(Path file) throws IOException {
        String f = file.getFileName().toString();
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = f.endsWith(".xz") ? new XZInputStream(raw) : f.endsWith(".zst") ? new ZstdInputStream(raw) : raw) {
            return in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot decompress " + file + ": " + e.getMessage(), e);
        }
    }
}
