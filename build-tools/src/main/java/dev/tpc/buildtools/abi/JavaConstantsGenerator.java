package dev.tpc.buildtools.abi;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.tpc.buildtools.abi.AbiModel.Constant;
import dev.tpc.buildtools.abi.AbiModel.ConstantGroup;
import dev.tpc.buildtools.abi.AbiModel.Field;
import dev.tpc.buildtools.abi.AbiModel.InnerMap;
import dev.tpc.buildtools.abi.AbiModel.MapDef;
import dev.tpc.buildtools.abi.AbiModel.Program;
import dev.tpc.buildtools.abi.AbiModel.StructDef;
import dev.tpc.buildtools.abi.AbiModel.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Renders the template ABI as {@code dev.tpc.abi.TemplateAbi}: plain constants (sizes, offsets,
 * ids) and small records describing maps, programs and kernel variants, so the compiler and the
 * runtime read the ABI without the BPF objects or clang.
 */
public final class JavaConstantsGenerator {

    public static final String PACKAGE = "dev.tpc.abi";
    public static final String CLASS = "TemplateAbi";

    private static final Modifier[] CONST = {Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL};
    private static final ClassName ROOT = ClassName.get(PACKAGE, CLASS);
    private static final ClassName VARIANT = ROOT.nestedClass("Variant");
    private static final ClassName MAP_SPEC = ROOT.nestedClass("MapSpec");
    private static final ClassName INNER_SPEC = ROOT.nestedClass("InnerMapSpec");
    private static final ClassName PROGRAM_SPEC = ROOT.nestedClass("ProgramSpec");
    private static final ClassName LIST = ClassName.get(List.class);
    private static final ClassName MAP = ClassName.get(Map.class);
    private static final ClassName OPTIONAL = ClassName.get(java.util.Optional.class);
    private static final TypeName STRING = ClassName.get(String.class);

    private JavaConstantsGenerator() {}

    public static JavaFile render(AbiModel model, String sourceName) {
        TypeSpec.Builder root = TypeSpec.classBuilder(ROOT)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc("The BPF template ABI (maps, .rodata config, ring-buffer records, ids).\n"
                        + "<p>Generated from {@code $L} by {@code dev.tpc.buildtools.abi.AbiGenerator}; do not edit.\n", sourceName)
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
                .addField(FieldSpec.builder(TypeName.INT, "ABI_VERSION", CONST).initializer("$L", model.abiVersion()).build())
                .addField(FieldSpec.builder(STRING, "TETRAGON_VERSION", CONST).initializer("$S", model.tetragonVersion()).build())
                .addField(FieldSpec.builder(STRING, "RESOURCE_DIR", CONST).initializer("$S", "dev/tpc/bpf/").build());
        root.addType(variantEnum(model));
        root.addType(innerSpecRecord());
        root.addType(mapSpecRecord());
        root.addType(programSpecRecord());
        for (ConstantGroup g : model.constants()) {
            root.addType(constantClass(g));
        }
        for (StructDef s : model.structs()) {
            root.addType(structClass(s));
        }
        root.addType(mapsClass(model));
        root.addType(programsClass(model));
        return JavaFile.builder(PACKAGE, root.build()).skipJavaLangImports(true).indent("    ").build();
    }

    private static TypeSpec variantEnum(AbiModel model) {
        TypeSpec.Builder e = TypeSpec.enumBuilder(VARIANT).addModifiers(Modifier.PUBLIC)
                .addJavadoc("Kernel-dependent builds of every template object.\n");
        for (Variant v : model.variants()) {
            e.addEnumConstant(v.name().toUpperCase(Locale.ROOT), TypeSpec.anonymousClassBuilder("$S, $S, $S, $S, $L, $L",
                    v.name(), v.suffix(), v.minKernel(), v.maxKernelExclusive().orElse(""), v.stringBuckets(),
                    v.maxStringLength()).addJavadoc("$L\n", v.description()).build());
        }
        String[] names = {"id", "suffix", "minKernel", "maxKernelExclusive"};
        MethodSpec.Builder ctor = MethodSpec.constructorBuilder();
        for (String n : names) {
            e.addField(STRING, n, Modifier.PRIVATE, Modifier.FINAL);
            ctor.addParameter(STRING, n).addStatement("this.$N = $N", n, n);
            e.addMethod(MethodSpec.methodBuilder(n).addModifiers(Modifier.PUBLIC).returns(STRING)
                    .addStatement("return $N", n).build());
        }
        for (String n : new String[] {"stringBuckets", "maxStringLength"}) {
            e.addField(TypeName.INT, n, Modifier.PRIVATE, Modifier.FINAL);
            ctor.addParameter(TypeName.INT, n).addStatement("this.$N = $N", n, n);
            e.addMethod(MethodSpec.methodBuilder(n).addModifiers(Modifier.PUBLIC).returns(TypeName.INT)
                    .addStatement("return $N", n).build());
        }
        e.addMethod(ctor.build());
        e.addMethod(MethodSpec.methodBuilder("objectResource").addModifiers(Modifier.PUBLIC).returns(STRING)
                .addJavadoc("Class-path resource of a template object in this variant, e.g. {@code dev/tpc/bpf/tpc_raw_tp.v511.bpf.o}.\n")
                .addParameter(STRING, "object").addStatement("return RESOURCE_DIR + object + suffix").build());
        return e.build();
    }

    private static TypeSpec innerSpecRecord() {
        return TypeSpec.recordBuilder(INNER_SPEC).addModifiers(Modifier.PUBLIC)
                .addJavadoc("Shape of the inner maps of an ARRAY_OF_MAPS; the loader creates inner maps of this shape.\n")
                .recordConstructor(MethodSpec.constructorBuilder()
                        .addParameter(STRING, "type").addParameter(TypeName.INT, "keySize")
                        .addParameter(ParameterizedTypeName.get(MAP, STRING, ClassName.get(Integer.class)), "keySizeByVariant")
                        .addParameter(TypeName.INT, "valueSize").addParameter(TypeName.INT, "maxEntries")
                        .addParameter(TypeName.INT, "flags").addParameter(STRING, "namePattern").build())
                .addMethod(MethodSpec.methodBuilder("keySize").addModifiers(Modifier.PUBLIC).returns(TypeName.INT)
                        .addParameter(VARIANT, "variant")
                        .addStatement("return keySizeByVariant.getOrDefault(variant.id(), keySize)").build())
                .build();
    }

    private static TypeSpec mapSpecRecord() {
        return TypeSpec.recordBuilder(MAP_SPEC).addModifiers(Modifier.PUBLIC)
                .addJavadoc("A map of the templates. origin: tetragon (byte layout of Tetragon) or tpc; scope: program, policy or global\n"
                        + "(which objects share one instance).\n")
                .recordConstructor(MethodSpec.constructorBuilder()
                        .addParameter(STRING, "name").addParameter(STRING, "origin").addParameter(STRING, "scope")
                        .addParameter(STRING, "type").addParameter(TypeName.INT, "keySize")
                        .addParameter(TypeName.INT, "valueSize").addParameter(TypeName.INT, "maxEntries")
                        .addParameter(TypeName.INT, "flags")
                        .addParameter(ParameterizedTypeName.get(OPTIONAL, INNER_SPEC), "inner")
                        .addParameter(ParameterizedTypeName.get(LIST, STRING), "variants")
                        .addParameter(TypeName.BOOLEAN, "internal").build())
                .addMethod(MethodSpec.methodBuilder("existsIn").addModifiers(Modifier.PUBLIC).returns(TypeName.BOOLEAN)
                        .addParameter(VARIANT, "variant")
                        .addStatement("return variants.isEmpty() || variants.contains(variant.id())").build())
                .build();
    }

    private static TypeSpec programSpecRecord() {
        return TypeSpec.recordBuilder(PROGRAM_SPEC).addModifiers(Modifier.PUBLIC)
                .addJavadoc("A BPF program inside a template object; hookKind is a {@link HookKind} value.\n")
                .recordConstructor(MethodSpec.constructorBuilder()
                        .addParameter(STRING, "object").addParameter(STRING, "program").addParameter(STRING, "section")
                        .addParameter(TypeName.INT, "hookKind").build())
                .build();
    }

    private static TypeSpec constantClass(ConstantGroup g) {
        TypeSpec.Builder c = TypeSpec.classBuilder(g.group()).addModifiers(CONST[0], CONST[1], CONST[2])
                .addJavadoc("$L ($L; C prefix {@code $L}).\n", g.description(), g.origin(), g.cPrefix())
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        for (Constant k : g.values()) {
            boolean fitsInt = k.value() >= Integer.MIN_VALUE && k.value() <= Integer.MAX_VALUE;
            c.addField(FieldSpec.builder(fitsInt ? TypeName.INT : TypeName.LONG, k.name(), CONST)
                    .initializer(fitsInt ? "$L" : "$LL", k.value()).build());
        }
        return c.build();
    }

    private static TypeSpec structClass(StructDef s) {
        TypeSpec.Builder c = TypeSpec.classBuilder(javaName(s.name())).addModifiers(CONST[0], CONST[1], CONST[2])
                .addJavadoc("C struct {@code $L} ($L): $L\n<p>Offsets in bytes; arrays have {@code _COUNT} and {@code _ELEMENT_SIZE}.\n",
                        s.name(), s.origin(), s.description())
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
                .addField(FieldSpec.builder(TypeName.INT, "SIZE", CONST).initializer("$L", s.size()).build());
        s.rodataSymbol().ifPresent(sym -> c.addField(FieldSpec.builder(STRING, "RODATA_SYMBOL", CONST)
                .initializer("$S", sym).addJavadoc("The {@code const volatile} global holding this struct in .rodata.\n").build()));
        for (Field f : s.fields()) {
            String base = f.name().toUpperCase(Locale.ROOT);
            FieldSpec.Builder off = FieldSpec.builder(TypeName.INT, base + "_OFFSET", CONST).initializer("$L", f.offset());
            f.note().ifPresent(n -> off.addJavadoc("$L\n", n));
            c.addField(off.build());
            if (f.count() > 1) {
                c.addField(FieldSpec.builder(TypeName.INT, base + "_COUNT", CONST).initializer("$L", f.count()).build());
                int elem = AbiModel.scalarSize(f.type()).orElse(-1);
                c.addField(FieldSpec.builder(TypeName.INT, base + "_ELEMENT_SIZE", CONST)
                        .initializer(elem > 0 ? CodeBlock.of("$L", elem) : CodeBlock.of("$L.SIZE", javaName(f.type()))).build());
            }
        }
        return c.build();
    }

    private static TypeSpec mapsClass(AbiModel model) {
        TypeSpec.Builder c = TypeSpec.classBuilder("Maps").addModifiers(CONST[0], CONST[1], CONST[2])
                .addJavadoc("Every map the templates declare, in declaration order.\n")
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        List<String> all = new ArrayList<>();
        for (MapDef m : model.maps()) {
            String field = m.name().toUpperCase(Locale.ROOT);
            all.add(field);
            CodeBlock inner = m.inner().map(JavaConstantsGenerator::innerInit)
                    .orElse(CodeBlock.of("$T.empty()", OPTIONAL));
            CodeBlock variants = CodeBlock.of("$T.of($L)", LIST, String.join(", ",
                    m.variants().stream().sorted().map(v -> "\"" + v + "\"").toList()));
            c.addField(FieldSpec.builder(MAP_SPEC, field, CONST)
                    .addJavadoc("$L\n", m.description())
                    .initializer("new $T($S, $S, $S, $S, $L, $L, $L, $L, $L, $L, $L)", MAP_SPEC, m.name(), m.origin(),
                            m.scope(), m.type(), m.keySize(), m.valueSize(), m.maxEntries(), m.flags(), inner, variants,
                            m.internal())
                    .build());
        }
        c.addField(FieldSpec.builder(ParameterizedTypeName.get(LIST, MAP_SPEC), "ALL", CONST)
                .initializer("$T.of($L)", LIST, String.join(", ", all)).build());
        return c.build();
    }

    private static CodeBlock innerInit(InnerMap i) {
        List<String> pairs = new ArrayList<>();
        i.keySizeByVariant().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> pairs.add("\"" + e.getKey() + "\", " + e.getValue()));
        return CodeBlock.of("$T.of(new $T($S, $L, $T.of($L), $L, $L, $L, $S))", OPTIONAL, INNER_SPEC, i.type(), i.keySize(),
                MAP, String.join(", ", pairs), i.valueSize(), i.maxEntries(), i.flags(), i.namePattern());
    }

    private static TypeSpec programsClass(AbiModel model) {
        TypeSpec.Builder c = TypeSpec.classBuilder("Programs").addModifiers(CONST[0], CONST[1], CONST[2])
                .addJavadoc("The programs of the template objects.\n")
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        List<String> all = new ArrayList<>();
        for (Program p : model.programs()) {
            String field = p.program().toUpperCase(Locale.ROOT);
            all.add(field);
            c.addField(FieldSpec.builder(PROGRAM_SPEC, field, CONST).addJavadoc("$L\n", p.description())
                    .initializer("new $T($S, $S, $S, HookKind.$L)", PROGRAM_SPEC, p.object(), p.program(), p.section(),
                            p.hookKind()).build());
        }
        c.addField(FieldSpec.builder(ParameterizedTypeName.get(LIST, PROGRAM_SPEC), "ALL", CONST)
                .initializer("$T.of($L)", LIST, String.join(", ", all)).build());
        return c.build();
    }

    /** {@code tg_event_config} becomes {@code TgEventConfig}. */
    static String javaName(String cName) {
        StringBuilder b = new StringBuilder();
        for (String part : cName.split("_")) {
            if (!part.isEmpty()) {
                b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return b.toString();
    }

}
