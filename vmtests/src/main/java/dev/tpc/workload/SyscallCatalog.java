package dev.tpc.workload;

import dev.tpc.target.Arch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The system calls a scenario step may make directly, with the kind of each parameter (what the
 * workload helper must build for it), read from {@code dev/tpc/workload/syscalls.tsv}. Numbers
 * come from the syscall tables in {@code schema/} ({@code dev/tpc/schema/syscalls/<abi>.tsv}).
 */
public final class SyscallCatalog {
    private static final String SIGNATURES = "dev/tpc/workload/syscalls.tsv";
    private static volatile Map<String, Signature> signatures;
    private static final Map<Arch, Map<String, Integer>> NUMBERS = Collections.synchronizedMap(new EnumMap<>(Arch.class));

    private SyscallCatalog() {
    }

    /** What a parameter takes. */
    public enum Kind {
        /** an integer, or named constants of {@link Param#constants()} ORed */
        INT,
        /** a file descriptor: an integer, a named constant such as {@code AT_FDCWD}, or an earlier call's result */
        FD,
        /** a process id: {@code self} (the step's own process) only */
        PID,
        /** a path (NUL-terminated), relative paths resolved by the kernel against the working directory */
        PATH,
        /** a NUL-terminated string that is not a path */
        STRING,
        /** bytes the call reads ({@code "text"} or {@code bytes(...)}) */
        BYTES_IN,
        /** a buffer the call writes into ({@code buffer(N)}) */
        BUFFER_OUT,
        /** a socket address ({@code inet(...)}, {@code unix(...)}) */
        SOCKADDR,
        /** a NULL-terminated array of strings ({@code ["a", "b"]}) */
        STRING_ARRAY,
        /** an address: an integer or an earlier call's result (e.g. what mmap returned) */
        ADDRESS
    }

    /**
     * @param constants the group of named constants the parameter takes ({@code open_flags},
     *                  {@code seek_whence}, ...), see {@link Constants}; empty: numbers only
     */
    public record Param(String name, Kind kind, Optional<String> constants) {
    }

    public record Signature(String name, List<Param> params) {
        public Signature {
            params = List.copyOf(params);
        }
    }

    public static Optional<Signature> byName(String name) {
        return Optional.ofNullable(signatures().get(name));
    }

    /** Every call a step may make, sorted. */
    public static SortedSet<String> names() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(signatures().keySet()));
    }

    /** The call's number on {@code arch}; empty when the architecture has no such call. */
    public static OptionalInt number(String name, Arch arch) {
        Integer n = NUMBERS.computeIfAbsent(arch, SyscallCatalog::loadNumbers).get(name);
        return n == null ? OptionalInt.empty() : OptionalInt.of(n);
    }

    private static Map<String, Signature> signatures() {
        Map<String, Signature> s = signatures;
        if (s == null) {
            synchronized (SyscallCatalog.class) {
                if (signatures == null) {
                    signatures = loadSignatures();
                }
                s = signatures;
            }
        }
        return s;
    }

    /** Lines {@code name<TAB>param:kind[:constants]<TAB>...}; {@code #} starts a comment. */
    private static Map<String, Signature> loadSignatures() {
        Map<String, Signature> out = new LinkedHashMap<>();
        for (String line : lines(SIGNATURES)) {
            String[] cols = line.split("\t");
            List<Param> params = new ArrayList<>();
            for (int i = 1; i < cols.length; i++) {
                String[] p = cols[i].split(":");
                params.add(new Param(p[0], Kind.valueOf(p[1]), p.length > 2 ? Optional.of(p[2]) : Optional.empty()));
            }
            out.put(cols[0], new Signature(cols[0], params));
        }
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, Integer> loadNumbers(Arch arch) {
        String abi = arch == Arch.ARM64 ? "arm64" : "x64";
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String line : lines("dev/tpc/schema/syscalls/" + abi + ".tsv")) {
            String[] cols = line.split("\t");
            out.put(cols[0], Integer.parseInt(cols[1]));
        }
        return out;
    }

    static List<String> lines(String resource) {
        List<String> out = new ArrayList<>();
        try (InputStream in = SyscallCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
