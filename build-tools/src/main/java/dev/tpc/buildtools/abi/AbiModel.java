package dev.tpc.buildtools.abi;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The template ABI as read from {@code bpf-templates/abi/template-abi.json}: one immutable value
 * from which both the C header of the BPF templates and the Java constants of the compiler are
 * generated, so the two sides cannot drift apart.
 */
public record AbiModel(
        int abiVersion,
        String tetragonVersion,
        List<Variant> variants,
        List<Program> programs,
        List<ConstantGroup> constants,
        List<StructDef> structs,
        List<MapDef> maps) {

    public AbiModel {
        variants = List.copyOf(variants);
        programs = List.copyOf(programs);
        constants = List.copyOf(constants);
        structs = List.copyOf(structs);
        maps = List.copyOf(maps);
    }

    /** A kernel-dependent build of every template (different string buckets). */
    public record Variant(String name, String suffix, String minKernel, Optional<String> maxKernelExclusive,
                          String cDefine, int stringBuckets, int maxStringLength, String description) {}

    /** One BPF program inside one template object. */
    public record Program(String object, String program, String section, String hookKind, String description) {}

    /** Named integer constants emitted as {@code #define <cPrefix><NAME>} and as a Java class. */
    public record ConstantGroup(String group, String cPrefix, String origin, String description,
                                List<Constant> values) {
        public ConstantGroup {
            values = List.copyOf(values);
        }
    }

    public record Constant(String name, long value) {}

    /** A packed C struct with explicit offsets. */
    public record StructDef(String name, String origin, int size, String description,
                            Optional<String> rodataSymbol, Optional<String> variableTail, List<Field> fields) {
        public StructDef {
            fields = List.copyOf(fields);
        }
    }

    /**
     * A struct member; {@code type} is a scalar ({@code u8..u64}, {@code s8..s64}) or the name of
     * another struct, {@code count} > 1 makes it an array.
     */
    public record Field(String name, String type, int count, int offset, Optional<String> note) {}

    /** A BPF map declared by the templates. */
    public record MapDef(String name, String origin, String scope, String group, String type,
                         int keySize, int valueSize, int maxEntries, int flags,
                         Optional<String> keyStruct, Optional<String> valueStruct,
                         Optional<InnerMap> inner, Set<String> variants, boolean internal, String description) {
        public MapDef {
            variants = Set.copyOf(variants);
        }

        /** Whether the map exists in the given variant (no list means every variant). */
        public boolean existsIn(String variant) {
            return variants.isEmpty() || variants.contains(variant);
        }
    }

    /** The inner map of an ARRAY_OF_MAPS / HASH_OF_MAPS, as a template for the inner maps the loader creates. */
    public record InnerMap(String type, int keySize, Map<String, Integer> keySizeByVariant, int valueSize,
                           int maxEntries, int flags, Optional<String> keyStruct, String namePattern) {
        public InnerMap {
            keySizeByVariant = Map.copyOf(keySizeByVariant);
        }

        public int keySizeIn(String variant) {
            return keySizeByVariant.getOrDefault(variant, keySize);
        }
    }

    public Optional<StructDef> struct(String name) {
        return structs.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Size in bytes of a scalar type name, or empty if it is not a scalar. */
    public static Optional<Integer> scalarSize(String type) {
        return switch (type) {
            case "u8", "s8" -> Optional.of(1);
            case "u16", "s16" -> Optional.of(2);
            case "u32", "s32" -> Optional.of(4);
            case "u64", "s64" -> Optional.of(8);
            default -> Optional.empty();
        };
    }
}
