package dev.tpc.bundle;

import dev.tpc.abi.TemplateAbi.TpcHookConfig;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fields of the template ABI's {@code tpc_hook_config}, in struct order, with their offsets and widths. */
final class HookConfigLayout {
    record Field(String name, int offset, int width) {}

    static final List<Field> FIELDS = List.of(
            new Field("hook_kind", TpcHookConfig.HOOK_KIND_OFFSET, 4),
            new Field("hook_id", TpcHookConfig.HOOK_ID_OFFSET, 4),
            new Field("sections", TpcHookConfig.SECTIONS_OFFSET, 4),
            new Field("actions", TpcHookConfig.ACTIONS_OFFSET, 4),
            new Field("arg_ops", TpcHookConfig.ARG_OPS_OFFSET, 8),
            new Field("bin_ops", TpcHookConfig.BIN_OPS_OFFSET, 4),
            new Field("max_selectors", TpcHookConfig.MAX_SELECTORS_OFFSET, 4),
            new Field("nargs", TpcHookConfig.NARGS_OFFSET, 4),
            new Field("flags", TpcHookConfig.FLAGS_OFFSET, 4),
            new Field("arg_types", TpcHookConfig.ARG_TYPES_OFFSET, 8));

    private HookConfigLayout() {}

    /** The struct's bytes; fields not given and the reserved words are zero. */
    static byte[] encode(Map<String, Long> values) {
        ByteBuffer b = ByteBuffer.allocate(TpcHookConfig.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        for (Field f : FIELDS) {
            long v = values.getOrDefault(f.name(), 0L);
            if (f.width() == 4) {
                b.putInt(f.offset(), (int) v);
            } else {
                b.putLong(f.offset(), v);
            }
        }
        return b.array();
    }

    /** Every field, unsigned, in struct order. */
    static Map<String, Long> decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, Long> out = new LinkedHashMap<>();
        for (Field f : FIELDS) {
            out.put(f.name(), f.width() == 4 ? Integer.toUnsignedLong(b.getInt(f.offset())) : b.getLong(f.offset()));
        }
        return out;
    }
}
