package dev.tpc.runtime.elf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The few things a uprobe needs from a user binary: the file offset of a function symbol, and of a
 * virtual address, read from the ELF symbol tables and program headers (64-bit little-endian ELF,
 * the architectures tpc supports). Only headers and tables are read, each at most 64 MiB.
 */
public final class ElfBinary implements AutoCloseable {
    private static final int SHT_SYMTAB = 2;
    private static final int SHT_DYNSYM = 11;
    private static final int PT_LOAD = 1;
    private static final int STT_FUNC = 2;
    private static final int STT_GNU_IFUNC = 10;
    private static final long MAX_TABLE = 64L << 20;

    private final Path path;
    private final FileChannel file;
    private final List<Segment> segments = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();

    private record Segment(long offset, long vaddr, long filesz) {}

    private record Section(int type, long offset, long size, int link, long entsize) {}

    private ElfBinary(Path path, FileChannel file) {
        this.path = path;
        this.file = file;
    }

    /** Why a binary cannot be probed where the policy says. */
    public static final class ElfException extends Exception {
        public ElfException(String message) {
            super(message);
        }
    }

    /** The file offset of {@code symbol} (a function, or any defined symbol) plus {@code delta}. */
    public static long symbolOffset(Path binary, String symbol, long delta) throws ElfException {
        try (ElfBinary elf = open(binary)) {
            Optional<Long> value = elf.symbolValue(symbol);
            if (value.isEmpty()) {
                throw new ElfException("symbol '" + symbol + "' not found in " + binary
                        + " (neither its .symtab nor its .dynsym defines it)");
            }
            return elf.fileOffset(value.get()) + delta;
        } catch (IOException e) {
            throw new ElfException("cannot read " + binary + ": " + e.getMessage());
        }
    }

    /** The file offset of a virtual address of the binary (Tetragon's {@code OffsetFromAddr}). */
    public static long addressOffset(Path binary, long address) throws ElfException {
        try (ElfBinary elf = open(binary)) {
            return elf.fileOffset(address);
        } catch (IOException e) {
            throw new ElfException("cannot read " + binary + ": " + e.getMessage());
        }
    }

    private static ElfBinary open(Path binary) throws ElfException, IOException {
        if (!binary.isAbsolute()) {
            throw new ElfException("uprobe binary " + binary + " is not an absolute path");
        }
        if (!Files.isRegularFile(binary)) {
            throw new ElfException("uprobe binary " + binary + " does not exist on this node (or is not a regular file)");
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(binary, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new ElfException("uprobe binary " + binary + " does not exist on this node");
        }
        ElfBinary elf = new ElfBinary(binary, ch);
        try {
            elf.readHeaders();
        } catch (ElfException | IOException | RuntimeException e) {
            ch.close();
            throw e instanceof ElfException x ? x : new ElfException(binary + " is not an ELF file tpc can read: " + e.getMessage());
        }
        return elf;
    }

    private ByteBuffer read(long offset, long size) throws IOException, ElfException {
        if (offset < 0 || size < 0 || size > MAX_TABLE || offset + size > file.size()) {
            throw new ElfException(path + " is truncated or malformed (a table lies outside the file)");
        }
        ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (file.read(b, offset + b.position()) < 0) {
                throw new ElfException(path + " is truncated");
            }
        }
        return b.flip();
    }

    private void readHeaders() throws IOException, ElfException {
        ByteBuffer h = read(0, Math.min(64, file.size()));
        if (h.limit() < 64 || h.getInt(0) != 0x464c457f) {
            throw new ElfException(path + " is not an ELF file");
        }
        if (h.get(4) != 2 || h.get(5) != 1) {
            throw new ElfException(path + " is not a 64-bit little-endian ELF file");
        }
        long phoff = h.getLong(0x20);
        long shoff = h.getLong(0x28);
        int phentsize = h.getShort(0x36) & 0xffff;
        int phnum = h.getShort(0x38) & 0xffff;
        int shentsize = h.getShort(0x3a) & 0xffff;
        int shnum = h.getShort(0x3c) & 0xffff;
        if (phnum > 0) {
            ByteBuffer ph = read(phoff, (long) phentsize * phnum);
            for (int i = 0; i < phnum; i++) {
                int at = i * phentsize;
                if (ph.getInt(at) == PT_LOAD) {
                    segments.add(new Segment(ph.getLong(at + 8), ph.getLong(at + 16), ph.getLong(at + 32)));
                }
            }
        }
        if (shnum > 0) {
            ByteBuffer sh = read(shoff, (long) shentsize * shnum);
            for (int i = 0; i < shnum; i++) {
                int at = i * shentsize;
                sections.add(new Section(sh.getInt(at + 4), sh.getLong(at + 24), sh.getLong(at + 32), sh.getInt(at + 40),
                        sh.getLong(at + 56)));
            }
        }
    }

    /** A defined symbol's value: functions first (.symtab, then .dynsym), then any other defined symbol. */
    private Optional<Long> symbolValue(String name) throws IOException, ElfException {
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        Long other = null;
        for (int type : new int[] {SHT_SYMTAB, SHT_DYNSYM}) {
            for (Section s : sections) {
                if (s.type() != type || s.entsize() < 24 || s.link() < 0 || s.link() >= sections.size()) {
                    continue;
                }
                Section strtab = sections.get(s.link());
                ByteBuffer syms = read(s.offset(), s.size());
                ByteBuffer strs = read(strtab.offset(), strtab.size());
                for (long at = 0; at + 24 <= s.size(); at += s.entsize()) {
                    int p = (int) at;
                    long value = syms.getLong(p + 8);
                    int shndx = syms.getShort(p + 6) & 0xffff;
                    if (value == 0 || shndx == 0 || !nameIs(strs, syms.getInt(p), wanted)) {
                        continue;
                    }
                    int kind = syms.get(p + 4) & 0xf;
                    if (kind == STT_FUNC || kind == STT_GNU_IFUNC) {
                        return Optional.of(value);
                    }
                    if (other == null) {
                        other = value;
                    }
                }
            }
        }
        return Optional.ofNullable(other);
    }

    private static boolean nameIs(ByteBuffer strs, int at, byte[] wanted) {
        if (at < 0 || (long) at + wanted.length >= strs.limit()) {
            return false;
        }
        for (int i = 0; i < wanted.length; i++) {
            if (strs.get(at + i) != wanted[i]) {
                return false;
            }
        }
        return strs.get(at + wanted.length) == 0;
    }

    private long fileOffset(long vaddr) throws ElfException {
        for (Segment s : segments) {
            if (Long.compareUnsigned(vaddr, s.vaddr()) >= 0 && Long.compareUnsigned(vaddr - s.vaddr(), s.filesz()) < 0) {
                return vaddr - s.vaddr() + s.offset();
            }
        }
        throw new ElfException("address 0x" + Long.toHexString(vaddr) + " lies in no loadable segment of " + path);
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
