package dev.tpc.workload;

import dev.tpc.testing.RepoFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tpc.target.Arch;
import dev.tpc.workload.SyscallCatalog.Param;
import dev.tpc.workload.SyscallCatalog.Signature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tables are the kernel's: every constant is printed from the system headers by a C program
 * generated from constants.tsv, every call number from {@code <sys/syscall.h>}, and both compared
 * with the tables. And every hook of the example policies has a call in the catalog that triggers it.
 */
class TablesTest {
    private static final List<String> HEADERS = List.of("errno.h", "fcntl.h", "signal.h", "stdio.h", "sched.h", "unistd.h",
            "sys/mman.h", "sys/ptrace.h", "sys/socket.h", "netinet/in.h", "sys/prctl.h", "sys/stat.h", "sys/syscall.h",
            "linux/bpf.h");

    @TempDir
    Path dir;

    @Test
    void everyConstantHasTheValueOfTheSystemHeaders() throws Exception {
        Path gcc = WorkloadTestSupport.requireGcc();
        Map<String, Long> table = new LinkedHashMap<>();
        for (String line : SyscallCatalog.lines("dev/tpc/workload/constants.tsv")) {
            String[] cols = line.split("\t");
            table.put(cols[0], Constants.value(cols[0]).orElseThrow());
        }
        StringBuilder c = new StringBuilder(includes()).append("int main(void)\n{\n");
        table.keySet().forEach(n -> c.append("\tprintf(\"%s %lld\\n\", \"").append(n).append("\", (long long)(").append(n).append("));\n"));
        c.append("\treturn 0;\n}\n");
        Map<String, Long> headers = parse(CProgram.run(gcc, c.toString(), dir));
        List<String> wrong = new ArrayList<>();
        table.forEach((name, value) -> {
            if (!value.equals(headers.get(name))) {
                wrong.add(name + ": table " + value + ", headers " + headers.get(name));
            }
        });
        assertEquals(List.of(), wrong);
        assertTrue(table.size() > 300, "the table holds " + table.size() + " constants");
    }

    @Test
    void everyCallNumberIsTheOneOfSysSyscallH() throws Exception {
        Path gcc = WorkloadTestSupport.requireGcc();
        StringBuilder c = new StringBuilder(includes()).append("int main(void)\n{\n");
        for (String name : SyscallCatalog.names()) {
            c.append("\tprintf(\"%s %lld\\n\", \"").append(name).append("\", (long long)SYS_").append(name).append(");\n");
        }
        c.append("\treturn 0;\n}\n");
        Map<String, Long> headers = parse(CProgram.run(gcc, c.toString(), dir));
        for (String name : SyscallCatalog.names()) {
            int n = SyscallCatalog.number(name, Arch.X86_64)
                    .orElseThrow(() -> new AssertionError(name + " has no number in schema's x64.tsv"));
            assertEquals(headers.get(name), Long.valueOf(n), name);
        }
    }

    @Test
    void everyParameterNamesAKnownConstantGroup() {
        Set<String> groups = new TreeSet<>();
        for (String line : SyscallCatalog.lines("dev/tpc/workload/constants.tsv")) {
            groups.add(line.split("\t")[2]);
        }
        for (String name : SyscallCatalog.names()) {
            Signature s = SyscallCatalog.byName(name).orElseThrow();
            assertTrue(s.params().size() <= 6, name);
            for (Param p : s.params()) {
                p.constants().ifPresent(g -> assertTrue(groups.contains(g), name + "." + p.name() + " names group " + g));
            }
        }
        // the list
        for (String n : List.of("openat", "read", "write", "lseek", "close", "setuid", "setgid", "setresuid", "kill", "tgkill",
                "getpid", "ptrace", "mmap", "mprotect", "munmap", "socket", "connect", "bind", "bpf", "unshare", "execve", "dup",
                "dup2", "dup3", "pipe2", "getpgid", "uname", "getuid", "prctl", "chmod", "fchmodat", "unlinkat", "mkdirat",
                "renameat2")) {
            assertTrue(SyscallCatalog.byName(n).isPresent(), n);
        }
        assertEquals("EAGAIN", Constants.nameOf(11, "errno").orElseThrow());
        assertEquals("SIGABRT", Constants.nameOf(6, "signal").orElseThrow());
    }

    /**
     * What triggers the kernel functions the examples hook (the syscalls they hook trigger
     * themselves). A new example whose hook is in neither fails here, naming it.
     */
    private static final Map<String, List<String>> TRIGGERS = Map.of(
            "security_bpf", List.of("bpf"),
            "fd_install", List.of("openat", "dup"),
            "commit_creds", List.of("setuid", "setresuid"),
            "security_file_permission", List.of("read", "write"),
            "security_file_open", List.of("openat"),
            "file_open", List.of("openat"),
            "tcp_connect", List.of("socket", "connect"));

    @Test
    void everyHookOfTheExamplePoliciesHasATrigger() throws IOException {
        Path examples = RepoFiles.root().resolve("examples/policies");
        Pattern call = Pattern.compile("(?m)^\\s*-?\\s*call:\\s*\"?([A-Za-z0-9_]+)\"?");
        Pattern hook = Pattern.compile("(?m)^\\s*hook:\\s*\"?([A-Za-z0-9_]+)\"?");
        Pattern event = Pattern.compile("(?m)^\\s*event:\\s*\"?sys_enter_([a-z0-9_]+)\"?");
        Pattern listed = Pattern.compile("(?m)^\\s*-\\s*\"sys_([a-z0-9_]+)\"");
        List<String> missing = new ArrayList<>();
        int hooks = 0;
        try (var files = Files.list(examples)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().collect(Collectors.toList())) {
                String yaml = Files.readString(f);
                boolean uprobe = yaml.contains("uprobes:");
                // a list of syscalls (InMap on raw_syscalls) fires on any one of them
                Matcher l = listed.matcher(yaml);
                List<String> members = new ArrayList<>();
                while (l.find()) {
                    members.add(l.group(1));
                }
                if (!members.isEmpty()) {
                    hooks++;
                    if (members.stream().noneMatch(n -> SyscallCatalog.byName(n).isPresent())) {
                        missing.add(f.getFileName() + ": none of the listed " + members);
                    }
                }
                for (Pattern p : List.of(call, hook, event)) {
                    Matcher m = p.matcher(yaml);
                    while (m.find()) {
                        String name = m.group(1).replaceFirst("^sys_", "");
                        if (uprobe && p == hook || uprobe && p == call) {
                            continue; // a user-space function: triggered by a command, not a call
                        }
                        hooks++;
                        List<String> triggers = TRIGGERS.getOrDefault(m.group(1), List.of(name));
                        for (String t : triggers) {
                            if (SyscallCatalog.byName(t).isEmpty()) {
                                missing.add(f.getFileName() + ": " + m.group(1) + " needs " + t);
                            }
                        }
                    }
                }
            }
        }
        if (hooks < 10) {
            fail("found only " + hooks + " hooks in " + examples);
        }
        assertEquals(List.of(), missing);
    }

    private static String includes() {
        StringBuilder b = new StringBuilder("#define _GNU_SOURCE\n");
        HEADERS.forEach(h -> b.append("#include <").append(h).append(">\n"));
        return b.toString();
    }

    private static Map<String, Long> parse(String out) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            String[] w = line.split(" ");
            if (w.length == 2) {
                m.put(w[0], Long.parseLong(w[1]));
            }
        }
        return m;
    }
}
