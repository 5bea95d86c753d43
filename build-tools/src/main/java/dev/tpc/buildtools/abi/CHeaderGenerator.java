package dev.tpc.buildtools.abi;

import dev.tpc.buildtools.abi.AbiModel.Constant;
import dev.tpc.buildtools.abi.AbiModel.ConstantGroup;
import dev.tpc.buildtools.abi.AbiModel.Field;
import dev.tpc.buildtools.abi.AbiModel.InnerMap;
import dev.tpc.buildtools.abi.AbiModel.MapDef;
import dev.tpc.buildtools.abi.AbiModel.StructDef;
import dev.tpc.buildtools.abi.AbiModel.Variant;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Renders the template ABI as the C header every BPF template includes ({@code tpc_abi.h}):
 * constants as {@code #define}s, structs as packed structs guarded by {@code _Static_assert}s on
 * every offset and size, and one {@code TPC_MAP_<name>} macro per map that expands to its
 * libbpf BTF-style definition (variant-specific maps expand to nothing in other variants).
 */
public final class CHeaderGenerator {

    private CHeaderGenerator() {}

    public static String render(AbiModel model, String sourceName) {
        StringBuilder out = new StringBuilder();
        out.append("/* Generated from ").append(sourceName)
                .append(" by dev.tpc.buildtools.abi.AbiGenerator. Do not edit. */\n")
                .append("#ifndef TPC_ABI_H\n#define TPC_ABI_H\n\n")
                .append("/* Needs __u8..__u64 and BPF_MAP_TYPE_* (linux/bpf.h) and SEC/__uint/__type (bpf_helpers.h). */\n\n")
                .append("#define TPC_ABI_VERSION ").append(model.abiVersion()).append("\n\n");
        renderVariants(model, out);
        for (ConstantGroup g : model.constants()) {
            out.append("/* ").append(g.group()).append(" (").append(g.origin()).append("): ")
                    .append(comment(g.description())).append(" */\n");
            for (Constant c : g.values()) {
                out.append("#define ").append(g.cPrefix()).append(c.name()).append(' ')
                        .append(cLiteral(c.value())).append('\n');
            }
            out.append('\n');
        }
        for (StructDef s : model.structs()) {
            renderStruct(s, out);
        }
        for (MapDef m : model.maps()) {
            renderMap(model, m, out);
        }
        renderGroups(model, out);
        out.append("#endif /* TPC_ABI_H */\n");
        return out.toString();
    }

    private static void renderVariants(AbiModel model, StringBuilder out) {
        out.append("/* Kernel variants: each template is compiled once per variant. */\n");
        Variant fallback = null;
        for (Variant v : model.variants()) {
            if (v.cDefine().isEmpty()) {
                fallback = v;
                continue;
            }
            out.append("#if defined(").append(v.cDefine()).append(")\n");
            variantBody(v, out);
            out.append("#endif\n");
        }
        if (fallback != null) {
            out.append("#if !defined(TPC_VARIANT_NAME)\n");
            variantBody(fallback, out);
            out.append("#endif\n");
        }
        out.append('\n');
    }

    private static void variantBody(Variant v, StringBuilder out) {
        out.append("#define TPC_VARIANT_NAME \"").append(v.name()).append("\"\n")
                .append("#define TPC_VARIANT_").append(v.name().toUpperCase(Locale.ROOT)).append(" 1\n")
                .append("#define TPC_STRING_BUCKETS ").append(v.stringBuckets()).append('\n')
                .append("#define TPC_MAX_STRING ").append(v.maxStringLength()).append('\n');
    }

    private static void renderStruct(StructDef s, StringBuilder out) {
        out.append("/* ").append(s.name()).append(" (").append(s.origin()).append("): ")
                .append(comment(s.description())).append(" */\n");
        out.append("struct ").append(s.name()).append(" {\n");
        for (Field f : s.fields()) {
            out.append('\t').append(cType(f.type())).append(' ').append(f.name());
            if (f.count() > 1) {
                out.append('[').append(f.count()).append(']');
            }
            out.append(';');
            f.note().ifPresent(n -> out.append(" /* ").append(comment(n)).append(" */"));
            out.append('\n');
        }
        out.append("} __attribute__((packed));\n");
        out.append("_Static_assert(sizeof(struct ").append(s.name()).append(") == ").append(s.size())
                .append(", \"").append(s.name()).append(" size\");\n");
        for (Field f : s.fields()) {
            out.append("_Static_assert(__builtin_offsetof(struct ").append(s.name()).append(", ").append(f.name())
                    .append(") == ").append(f.offset()).append(", \"").append(s.name()).append('.').append(f.name())
                    .append("\");\n");
        }
        out.append('\n');
    }

    private static void renderMap(AbiModel model, MapDef m, StringBuilder out) {
        out.append("/* ").append(m.name()).append(" (").append(m.origin()).append(", ").append(m.scope())
                .append("): ").append(comment(m.description())).append(" */\n");
        String macro = "TPC_MAP_" + m.name();
        boolean allVariants = model.variants().stream().allMatch(v -> m.existsIn(v.name()));
        if (!allVariants) {
            out.append("#if ").append(variantCondition(model, m.variants())).append('\n');
        }
        boolean variantInner = m.inner().isPresent() && !m.inner().get().keySizeByVariant().isEmpty();
        if (variantInner) {
            for (Variant v : model.variants()) {
                out.append("#if defined(TPC_VARIANT_").append(v.name().toUpperCase(Locale.ROOT)).append(")\n");
                out.append(mapDefinition(m, v.name(), macro));
                out.append("#endif\n");
            }
        } else {
            out.append(mapDefinition(m, model.variants().get(0).name(), macro));
        }
        if (!allVariants) {
            out.append("#else\n#define ").append(macro).append("\n#endif\n");
        }
        out.append('\n');
    }

    private static String mapDefinition(MapDef m, String variant, String macro) {
        StringBuilder d = new StringBuilder();
        d.append("#define ").append(macro).append(" \\\n\tstruct { \\\n");
        d.append("\t\t__uint(type, BPF_MAP_TYPE_").append(m.type()).append("); \\\n");
        d.append("\t\t__uint(max_entries, ").append(m.maxEntries()).append("); \\\n");
        if (!m.type().equals("RINGBUF")) {
            appendKey(d, "\t\t", m.keySize(), m.keyStruct().orElse(null));
            if (m.inner().isPresent()) {
                InnerMap i = m.inner().get();
                d.append("\t\t__array(values, struct { \\\n");
                d.append("\t\t\t__uint(type, BPF_MAP_TYPE_").append(i.type()).append("); \\\n");
                d.append("\t\t\t__uint(max_entries, ").append(i.maxEntries()).append("); \\\n");
                if (i.flags() != 0) {
                    d.append("\t\t\t__uint(map_flags, ").append(i.flags()).append("); \\\n");
                }
                // byte arrays: clang emits struct types of nested inner-map definitions as forward declarations only
                d.append("\t\t\t__type(key, ").append(btfType(i.keySizeIn(variant), null)).append("); \\\n");
                d.append("\t\t\t__type(value, ").append(btfType(i.valueSize(), null)).append("); \\\n");
                d.append("\t\t}); \\\n");
            } else {
                appendValue(d, m);
            }
            if (m.flags() != 0) {
                d.append("\t\t__uint(map_flags, ").append(m.flags()).append("); \\\n");
            }
        }
        d.append("\t} ").append(m.name()).append(" SEC(\".maps\")\n");
        return d.toString();
    }

    private static void appendKey(StringBuilder d, String indent, int size, String struct) {
        d.append(indent).append("__type(key, ").append(btfType(size, struct)).append("); \\\n");
    }

    private static void appendValue(StringBuilder d, MapDef m) {
        d.append("\t\t__type(value, ").append(btfType(m.valueSize(), m.valueStruct().orElse(null))).append("); \\\n");
    }

    /** Keys and values always get a BTF type (a byte array if nothing better), so libbpf never mixes BTF and raw sizes. */
    static String btfType(int size, String struct) {
        if (struct != null) {
            return "struct " + struct;
        }
        return switch (size) {
            case 1 -> "__u8";
            case 2 -> "__u16";
            case 4 -> "__u32";
            case 8 -> "__u64";
            default -> "__u8[" + size + "]";
        };
    }

    /** One macro per map group, so a template declares all maps of a group at once. */
    private static void renderGroups(AbiModel model, StringBuilder out) {
        TreeSet<String> groups = new TreeSet<>();
        model.maps().forEach(m -> groups.add(m.group()));
        for (String g : groups) {
            out.append("#define TPC_MAPS_GROUP_").append(g.toUpperCase(Locale.ROOT));
            for (MapDef m : model.maps()) {
                if (m.group().equals(g)) {
                    out.append(" \\\n\tTPC_MAP_").append(m.name()).append(';');
                }
            }
            out.append("\n\n");
        }
    }

    private static String variantCondition(AbiModel model, java.util.Set<String> variants) {
        List<String> parts = model.variants().stream().filter(v -> variants.contains(v.name()))
                .map(v -> "defined(TPC_VARIANT_" + v.name().toUpperCase(Locale.ROOT) + ")").toList();
        return String.join(" || ", parts);
    }

    static String cType(String type) {
        return switch (type) {
            case "u8" -> "__u8";
            case "u16" -> "__u16";
            case "u32" -> "__u32";
            case "u64" -> "__u64";
            case "s8" -> "__s8";
            case "s16" -> "__s16";
            case "s32" -> "__s32";
            case "s64" -> "__s64";
            default -> "struct " + type;
        };
    }

    private static String cLiteral(long value) {
        if (value > Integer.MAX_VALUE && value <= 0xffffffffL) {
            return "0x" + Long.toHexString(value) + "U";
        }
        if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
            return value + "LL";
        }
        return value < 0 ? "(" + value + ")" : Long.toString(value);
    }

    private static String comment(String text) {
        return text.replace("*/", "* /").replace("\n", " ");
    }
}
