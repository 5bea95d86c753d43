package dev.tpc.runtime.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The BPF programs, maps and links that exist, seen two ways: the fds this process holds
 * ({@code /proc/self/fdinfo} names their ids) and the kernel's lists ({@code bpftool -j prog|map|link show}).
 */
public final class KernelObjects {
    private static final Pattern FDINFO_ID = Pattern.compile("(?m)^(prog_id|map_id|link_id):\\s*(\\d+)");
    private static final Pattern ID_NAME = Pattern.compile("\\{\"id\":(\\d+),[^{}]*?\"name\":\"([^\"]*)\"");
    private static final Pattern LINK = Pattern.compile("\\{\"id\":(\\d+),[^{}]*?\"prog_id\":(\\d+)");

    private KernelObjects() {
    }

    /** "prog_id:12", "map_id:7", ... for every BPF fd this process holds. */
    public static Set<String> heldByThisProcess() {
        Set<String> out = new TreeSet<>();
        try (var fds = Files.list(Path.of("/proc/self/fdinfo"))) {
            for (Path p : fds.toList()) {
                String info;
                try {
                    info = Files.readString(p);
                } catch (IOException e) {
                    continue; // the fd closed while we listed
                }
                Matcher m = FDINFO_ID.matcher(info);
                while (m.find()) {
                    out.add(m.group(1) + ":" + m.group(2));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** An object in bpftool's list: kind (prog, map, link), id, and name (for links: "prog <id>"). */
    public record Listed(String kind, long id, String name) {
    }

    public static boolean bpftoolAvailable() {
        try {
            return run("version").exitCode == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Everything bpftool lists now. */
    public static List<Listed> listed() throws IOException {
        List<Listed> out = new ArrayList<>();
        for (String kind : List.of("prog", "map")) {
            Matcher m = ID_NAME.matcher(run("-j", kind, "show").stdout);
            while (m.find()) {
                out.add(new Listed(kind, Long.parseLong(m.group(1)), m.group(2)));
            }
        }
        Matcher m = LINK.matcher(run("-j", "link", "show").stdout);
        while (m.find()) {
            out.add(new Listed("link", Long.parseLong(m.group(1)), "prog " + m.group(2)));
        }
        return out;
    }

    private record Result(int exitCode, String stdout) {
    }

    private static Result run(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add("bpftool");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("bpftool did not finish");
            }
            return new Result(p.exitValue(), out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
