package dev.tpc.lower;

import dev.tpc.target.Arch;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Elements of {@code syscalls} lists ({@code sys_dup}, {@code __x64_sys_dup}, {@code i386/sys_dup})
 * the way Tetragon reads them: the kernel symbol that implements the syscall, and the syscall
 * number InMap compares (bit 31 set for the 32-bit ABIs). Numbers come from the tables in
 * {@code schema/} ({@code dev/tpc/schema/syscalls/<abi>.tsv}).
 */
final class Syscalls {
    static final long IS_32_BIT = 0x8000_0000L;
    private static final Map<String, Map<String, Integer>> TABLES = new ConcurrentHashMap<>();

    private Syscalls() {}

    /** {@code abi} is x64, i386, arm64 or arm32; {@code name} keeps its {@code sys_} prefix. */
    record Value(String abi, String name) {}

    static Value parse(String value, Arch arch) {
        String[] parts = value.split("/", -1);
        if (parts.length == 1) {
            String[] cut = cutPrefix(value);
            String abi = switch (cut[0]) {
                case "amd64" -> "x64";
                case "i386" -> "i386";
                case "arm64" -> "arm64";
                default -> defaultAbi(arch);
            };
            return new Value(abi, cut[1]);
        }
        if (parts.length == 2) {
            String abi = parts[0];
            String[] cut = cutPrefix(parts[1]);
            validateAbi(cut[0], abi);
            return new Value(abi, cut[1]);
        }
        throw new IllegalArgumentException("invalid syscall value: '" + value + "'");
    }

    /** The kernel symbol ({@code SyscallVal.Symbol}). */
    static String symbol(String value, Arch arch) {
        Value v = parse(value, arch);
        String prefix = switch (v.abi()) {
            case "x64" -> "__x64_";
            case "arm64", "arm32" -> "__arm64_";
            case "i386" -> "__ia32_";
            default -> throw new IllegalArgumentException("unexpected error, unknown ABI: '" + v.abi() + "'");
        };
        if (v.name().startsWith(prefix)) {
            return v.name();
        }
        if (v.name().startsWith("sys_")) {
            return prefix + v.name();
        }
        throw new IllegalArgumentException("invalid syscall list element '" + value + "'");
    }

    /** The syscall number InMap compares ({@code SyscallVal.ID}). */
    static long id(String value, Arch arch) {
        Value v = parse(value, arch);
        String sc = v.name().startsWith("sys_") ? v.name().substring(4) : v.name();
        Integer id = table(v.abi()).get(sc);
        if (id == null) {
            throw new IllegalArgumentException("failed list '" + value + "' cannot translate syscall '" + sc
                    + "' to id: unknown syscall for ABI " + v.abi());
        }
        long out = id;
        if (v.abi().equals("i386") || v.abi().equals("arm32")) {
            out |= IS_32_BIT;
        }
        return out;
    }

    /** Tetragon's {@code arch.AddSyscallPrefix} for the target architecture. */
    static String addPrefix(String symbol, Arch arch) {
        String[][] known = {{"amd64", "__x64_"}, {"arm64", "__arm64_"}, {"i386", "__ia32_"}};
        String own = arch == Arch.X86_64 ? "amd64" : "arm64";
        for (String[] k : known) {
            if (symbol.startsWith(k[1])) {
                if (!k[0].equals(own)) {
                    throw new IllegalArgumentException("expecting " + arch.syscallPrefix() + " and got " + k[1]);
                }
                return symbol;
            }
        }
        return arch.syscallPrefix() + symbol;
    }

    private static String defaultAbi(Arch arch) {
        return arch == Arch.X86_64 ? "x64" : "arm64";
    }

    private static String[] cutPrefix(String s) {
        if (s.startsWith("__x64_")) {
            return new String[] {"amd64", s.substring(6)};
        }
        if (s.startsWith("__arm64_")) {
            return new String[] {"arm64", s.substring(8)};
        }
        if (s.startsWith("__ia32_")) {
            return new String[] {"i386", s.substring(7)};
        }
        return new String[] {"", s};
    }

    private static void validateAbi(String xarch, String abi) {
        boolean ok = switch (xarch) {
            case "" -> abi.equals("x64") || abi.equals("i386") || abi.equals("arm64") || abi.equals("arm32");
            case "amd64" -> abi.equals("x64") || abi.equals("i386");
            case "i386" -> abi.equals("i386");
            case "arm64" -> abi.equals("arm64") || abi.equals("arm32");
            default -> false;
        };
        if (!ok) {
            throw new IllegalArgumentException(xarch.isEmpty() ? "invalid ABI: " + abi
                    : "invalid ABI (" + abi + ") for arch (" + xarch + ")");
        }
    }

    private static Map<String, Integer> table(String abi) {
        return TABLES.computeIfAbsent(abi, Syscalls::load);
    }

    private static Map<String, Integer> load(String abi) {
        Map<String, Integer> out = new HashMap<>();
        try (InputStream in = Syscalls.class.getResourceAsStream("/dev/tpc/schema/syscalls/" + abi + ".tsv")) {
            if (in == null) {
                return out;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                out.put(cols[0], Integer.parseInt(cols[1].strip()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
