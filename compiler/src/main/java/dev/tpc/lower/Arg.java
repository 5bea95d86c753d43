package dev.tpc.lower;

import java.util.Optional;

/**
 * One slot of a hook's argument table ({@code event_config} positions 0..4).
 *
 * @param position  slot number; what selector filters name
 * @param role      an {@code args} entry, a {@code data} entry, or a field Tetragon reads only
 *                  because another argument names it as its size ({@link Role#SIZE_FIELD})
 * @param index     the function-argument number; for tracepoints the format field index
 * @param type      the resolved type (for tracepoint {@code auto}: derived from the format)
 * @param meta      {@code event_config.arm}: bits 0-3 sizeArgIndex, 0x10 returnCopy, 0x20 maxData,
 *                  0x40 current_task source, 0x80 pt_regs source, 0x100 preload (uprobe strings)
 * @param tracepointOffset offset of the field in the tracepoint record (0 when not a tracepoint field)
 * @param resolve   a BTF path ({@code resolve:}) that only the target kernel's BTF can turn into offsets
 */
public record Arg(int position, Role role, int index, ArgType type, int meta, int tracepointOffset,
                  String label, Optional<String> resolve) {

    public enum Role { ARG, DATA, SIZE_FIELD }

    public static final int META_RETURN_COPY = 0x10;
    public static final int META_MAX_DATA = 0x20;
    public static final int META_CURRENT_TASK = 0x40;
    public static final int META_PT_REGS = 0x80;
    /** Uprobe and USDT strings are read by the sleepable preload program (Tetragon's {@code ArgMeta} bit 8). */
    public static final int META_PRELOAD = 0x100;

    public static Arg simple(int position, int index, ArgType type) {
        return new Arg(position, Role.ARG, index, type, 0, 0, "", Optional.empty());
    }

    public boolean returnCopy() {
        return (meta & META_RETURN_COPY) != 0;
    }
}
