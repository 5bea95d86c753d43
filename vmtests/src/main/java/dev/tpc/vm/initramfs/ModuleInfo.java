package dev.tpc.vm.initramfs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code .modinfo} section of a kernel module (an ELF64 relocatable object): NUL-separated
 * {@code key=value} strings, of which we need {@code depends=} (comma-separated module names)
 * and {@code name=}. Read from the section table rather than by scanning for strings, so that
 * text elsewhere in the module cannot pass for a dependency.
 */
record ModuleInfo(Map<String, String> fields) {
    List<String> depends() {
        String d = fields.getOrDefault("depends", "");
        return d.isBlank() ? List.of() : List.of(d.split(","));
    }

    static Optional<ModuleInfo> read(byte[] elf) {
        try {
            ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
            if (elf.length < 64 || b.getInt(0) != 0x464C457F || b.get(4) != 2 || b.get(5) != 1) {
                return Optional.empty();
            }
            long shoff = b.getLong(0x28);
            int shentsize = Short.toUnsignedInt(b.getShort(0x3A));
            int shnum = Short.toUnsignedInt(b.getShort(0x3C));
            int shstrndx = Short.toUnsignedInt(b.getShort(0x3E));
            if (shoff <= 0 || shentsize < 64 || shstrndx >= shnum || shoff + (long) shnum * shentsize > elf.length) {
                return Optional.empty();
            }
            int names = (int) b.getLong((int) shoff + shstrndx * shentsize + 0x18);
            for (int i = 0; i < shnum; i++) {
                int sh = (int) shoff + i * shentsize;
                if (cString(elf, names + b.getInt(sh)).equals(".modinfo")) {
                    int off = (int) b.getLong(sh + 0x18);
                    int size = (int) b.getLong(sh + 0x20);
                    return Optional.of(new ModuleInfo(parse(elf, off, size)));
                }
            }
            return Optional.empty();
        } catch (IndexOutOfBoundsException e) {
            return Optional.empty(); // a truncated or odd file: no modinfo
        }
    }

    private static Map<String, String> parse(byte[] elf, int off, int size) {
        Map<String, String> fields = new LinkedHashMap<>();
        int end = Math.min(elf.length, off + size);
        int start = off;
        for (int i = off; i <= end; i++) {
            if (i == end || elf[i] == 0) {
                if (i > start) {
                    String s = new String(elf, start, i - start, StandardCharsets.UTF_8);
                    int eq = s.indexOf('=');
                    if (eq > 0) {
                        fields.putIfAbsent(s.substring(0, eq), s.substring(eq + 1));
                    }
                }
                start = i + 1;
            }
        }
        return fields;
    }

    private static String cString(byte[] b, int at) {
        int end = at;
        while (end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, at, end - at, StandardCharsets.US_ASCII);
    }
}
