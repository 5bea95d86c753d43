package dev.tpc.buildtools.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.lang.model.element.Modifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generates the typed policy model ({@code dev.tpc.model}) from tpc's JSON Schema: one record
 * per object definition, one enum per string enumeration, each with a lenient binder
 * {@code from(YamlNode)}. Run at build time by the compiler module (generate-sources).
 *
 * <p>Mapping of schema types to Java: string → {@code String}, boolean → {@code Boolean},
 * integer → {@code Long}, except Go {@code uint64} ({@code x-tpc-go-type}) → {@code BigInteger};
 * array → {@code List}, map ({@code additionalProperties}) → {@code Map<String, ...>},
 * {@code $ref} → the named record or enum. Scalars are boxed so that absence stays visible;
 * lists and maps are never null (empty when absent).
 */
public final class ModelGenerator {
    static final String PACKAGE = "dev.tpc.model";
    static final String DEFS_RESOURCE = "dev/tpc/schema/policy-defs.schema.json";

    private static final ClassName YAML_NODE = ClassName.get("dev.tpc.yaml", "YamlNode");
    private static final ClassName MAPPING_NODE = ClassName.get("dev.tpc.yaml", "MappingNode");
    private static final ClassName MODEL_NODE = ClassName.get(PACKAGE, "ModelNode");
    private static final ClassName WIRE_ENUM = ClassName.get(PACKAGE, "WireEnum");
    private static final ClassName BIND = ClassName.get(PACKAGE, "Bind");
    private static final ClassName LIST = ClassName.get("java.util", "List");
    private static final ClassName MAP = ClassName.get("java.util", "Map");
    private static final ClassName STRING = ClassName.get(String.class);
    private static final ClassName BIG_INTEGER = ClassName.get("java.math", "BigInteger");

    /** YAML keys that are Java keywords, and the component name used instead. */
    private static final Map<String, String> RENAMED = Map.of("return", "isReturn");
    private static final Set<String> JAVA_KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte",
            "case", "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum",
            "extends", "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof",
            "int", "interface", "long", "native", "new", "package", "private", "protected", "public", "return",
            "short", "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws",
            "transient", "try", "void", "volatile", "while", "record", "var", "yield", "sealed", "permits");

    private final JsonNode defs;

    ModelGenerator(JsonNode defsDocument) {
        this.defs = defsDocument.get("$defs");
        if (defs == null || !defs.isObject()) {
            throw new IllegalArgumentException("the schema has no $defs");
        }
    }

    /** Usage: {@code ModelGenerator OUTPUT_DIR [DEFS_RESOURCE]}. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: ModelGenerator OUTPUT_DIR [DEFS_RESOURCE]");
        }
        Path out = Path.of(args[0]);
        String resource = args.length > 1 ? args[1] : DEFS_RESOURCE;
        JsonNode document;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema resource " + resource + " is not on the classpath");
            }
            document = JsonMapper.builder().build().readTree(in);
        }
        int written = new ModelGenerator(document).writeTo(out);
        System.out.println("tpc model: " + written + " source files updated under " + out);
    }

    /** Writes the sources, touching only files whose content changed; returns how many were written. */
    int writeTo(Path outputRoot) {
        int written = 0;
        for (Map.Entry<String, String> e : generate().entrySet()) {
            Path file = outputRoot.resolve(PACKAGE.replace('.', '/')).resolve(e.getKey() + ".java");
            try {
                if (Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(e.getValue())) {
                    continue;
                }
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
                written++;
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return written;
    }

    /** Java source per generated type name, in name order. */
    Map<String, String> generate() {
        Map<String, String> sources = new TreeMap<>();
        for (String name : defs.propertyNames()) {
            JsonNode def = defs.get(name);
            TypeSpec type;
            if (def.has("enum")) {
                type = enumType(name, def);
            } else if (isAlias(def)) {
                continue;
            } else if (def.has("properties")) {
                type = recordType(name, def);
            } else {
                throw new IllegalStateException("definition " + name + " is neither an enum, an object nor an alias");
            }
            JavaFile file = JavaFile.builder(PACKAGE, type)
                    .addFileComment("Generated by $L from tpc's schema. Do not edit.", ModelGenerator.class.getName())
                    .skipJavaLangImports(true)
                    .build();
            sources.put(name, file.toString());
        }
        return sources;
    }

    /** A definition that only refers to another one (adding CEL rules or prose): no own type. */
    private static boolean isAlias(JsonNode def) {
        return def.has("$ref") && !def.has("properties") && !def.has("type");
    }

    private TypeSpec enumType(String name, JsonNode def) {
        ClassName self = ClassName.get(PACKAGE, name);
        TypeSpec.Builder b = TypeSpec.enumBuilder(name)
                .addModifiers(Modifier.PUBLIC)
                .addSuperinterface(WIRE_ENUM)
                .addJavadoc("$L\n", javadoc(def))
                .addJavadoc("\n<p>Constants keep the wire spelling in {@link #wire()}.\n");
        Map<String, String> seen = new LinkedHashMap<>();
        for (JsonNode v : def.get("enum").values()) {
            String wire = v.asString();
            String constant = constantName(wire);
            String previous = seen.put(constant, wire);
            if (previous != null) {
                throw new IllegalStateException(name + ": values " + previous + " and " + wire + " both map to " + constant);
            }
            b.addEnumConstant(constant, TypeSpec.anonymousClassBuilder("$S", wire).build());
        }
        b.addField(FieldSpec.builder(STRING, "wire", Modifier.PRIVATE, Modifier.FINAL).build());
        b.addMethod(MethodSpec.constructorBuilder().addParameter(STRING, "wire").addStatement("this.wire = wire").build());
        b.addMethod(MethodSpec.methodBuilder("wire").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(STRING).addStatement("return wire").build());
        b.addMethod(MethodSpec.methodBuilder("toString").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(STRING).addStatement("return wire").build());
        b.addMethod(MethodSpec.methodBuilder("fromWire")
                .addJavadoc("The constant spelled {@code wire} in YAML (case-sensitive, as the CRD's enum), or null.\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(self)
                .addParameter(STRING, "wire")
                .beginControlFlow("for ($T value : values())", self)
                .beginControlFlow("if (value.wire.equals(wire))")
                .addStatement("return value")
                .endControlFlow()
                .endControlFlow()
                .addStatement("return null")
                .build());
        return b.build();
    }

    private TypeSpec recordType(String name, JsonNode def) {
        ClassName self = ClassName.get(PACKAGE, name);
        MethodSpec.Builder ctor = MethodSpec.compactConstructorBuilder().addModifiers(Modifier.PUBLIC)
                .addParameter(ParameterSpec.builder(MAPPING_NODE, "node").build());
        CodeBlock.Builder bindArgs = CodeBlock.builder().add("node");
        CodeBlock.Builder javadoc = CodeBlock.builder().add("$L\n\n", javadoc(def))
                .add("@param node the YAML mapping this object was bound from\n");
        List<String> normalised = new ArrayList<>();
        for (Map.Entry<String, JsonNode> p : def.get("properties").properties()) {
            String yamlName = p.getKey();
            String component = componentName(name, yamlName);
            FieldType type = fieldType(name + "." + yamlName, p.getValue());
            ctor.addParameter(ParameterSpec.builder(type.java(), component).build());
            bindArgs.add(",\n$L", type.binder(CodeBlock.of("$T.field(node, $S)", BIND, yamlName)));
            javadoc.add("@param $L $L (YAML {@code $L})\n", component, propertyDoc(p.getValue()), yamlName);
            if (type.container()) {
                normalised.add(component);
            }
        }
        for (String component : normalised) {
            ctor.addStatement("$L = $T.immutable($L)", component, BIND, component);
        }
        MethodSpec from = MethodSpec.methodBuilder("from")
                .addJavadoc("Binds a YAML node leniently: null when absent or null; never throws.\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(self)
                .addParameter(YAML_NODE, "yaml")
                .beginControlFlow("if ($T.isAbsent(yaml))", BIND)
                .addStatement("return null")
                .endControlFlow()
                .addStatement("$T node = $T.mapping(yaml)", MAPPING_NODE, BIND)
                .addStatement("return new $T($>$L$<)", self, bindArgs.build())
                .build();
        return TypeSpec.recordBuilder(name)
                .addModifiers(Modifier.PUBLIC)
                .addSuperinterface(MODEL_NODE)
                .addJavadoc(javadoc.build())
                .recordConstructor(ctor.build())
                .addMethod(from)
                .build();
    }

    /** A component's Java type and how to bind it from a YAML node expression. */
    private interface FieldType {
        TypeName java();

        CodeBlock binder(CodeBlock yaml);

        default boolean container() {
            return false;
        }
    }

    private record Simple(TypeName java, String method) implements FieldType {
        @Override
        public CodeBlock binder(CodeBlock yaml) {
            return CodeBlock.of("$T.$L($L)", BIND, method, yaml);
        }
    }

    private record Named(ClassName java, boolean isEnum) implements FieldType {
        @Override
        public CodeBlock binder(CodeBlock yaml) {
            return isEnum ? CodeBlock.of("$T.enumOf($L, $T::fromWire)", BIND, yaml, java)
                    : CodeBlock.of("$T.from($L)", java, yaml);
        }
    }

    private record Container(TypeName java, String method, FieldType element) implements FieldType {
        @Override
        public CodeBlock binder(CodeBlock yaml) {
            return CodeBlock.of("$T.$L($L, item -> $L)", BIND, method, yaml, element.binder(CodeBlock.of("item")));
        }

        @Override
        public boolean container() {
            return true;
        }
    }

    private FieldType fieldType(String where, JsonNode schema) {
        if (schema.has("x-tpc-java")) {
            return new Named(ClassName.get(PACKAGE, schema.get("x-tpc-java").asString()), false);
        }
        if (schema.has("$ref")) {
            return refType(where, schema.get("$ref").asString());
        }
        String type = schema.path("type").asString("");
        switch (type) {
            case "string":
                return new Simple(STRING, "string");
            case "boolean":
                return new Simple(ClassName.get(Boolean.class), "bool");
            case "integer": {
                String goType = schema.path("x-tpc-go-type").asString("");
                return switch (goType) {
                    case "uint64" -> new Simple(BIG_INTEGER, "uint64");
                    case "int64", "uint32", "int32" -> new Simple(ClassName.get(Long.class), "int64");
                    default -> throw new IllegalStateException(where + ": integer without x-tpc-go-type");
                };
            }
            case "array": {
                FieldType element = fieldType(where + "[]", schema.get("items"));
                return new Container(ParameterizedTypeName.get(LIST, element.java()), "list", element);
            }
            case "object": {
                JsonNode values = schema.get("additionalProperties");
                if (values != null && values.isObject() && !schema.has("properties")) {
                    FieldType element = fieldType(where + "{}", values);
                    return new Container(ParameterizedTypeName.get(MAP, STRING, element.java()), "map", element);
                }
                throw new IllegalStateException(where + ": inline objects must be $defs");
            }
            default:
                throw new IllegalStateException(where + ": unsupported schema type '" + type + "'");
        }
    }

    private FieldType refType(String where, String ref) {
        if (!ref.startsWith("#/$defs/")) {
            throw new IllegalStateException(where + ": unsupported $ref " + ref);
        }
        String name = ref.substring("#/$defs/".length());
        JsonNode def = defs.get(name);
        if (def == null) {
            throw new IllegalStateException(where + ": dangling $ref " + ref);
        }
        if (isAlias(def)) {
            return refType(where, def.get("$ref").asString());
        }
        return new Named(ClassName.get(PACKAGE, name), def.has("enum"));
    }

    private String componentName(String owner, String yamlName) {
        String renamed = RENAMED.get(yamlName);
        if (renamed != null) {
            return renamed;
        }
        if (JAVA_KEYWORDS.contains(yamlName) || !yamlName.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalStateException(owner + "." + yamlName + " needs a Java name in RENAMED");
        }
        return yamlName;
    }

    /** {@code NotSportPriv} → {@code NOT_SPORT_PRIV}, {@code char_buf} → {@code CHAR_BUF}, {@code GT} → {@code GT}. */
    static String constantName(String wire) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < wire.length(); i++) {
            char c = wire.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                out.append('_');
                continue;
            }
            boolean boundary = i > 0 && Character.isUpperCase(c)
                    && (Character.isLowerCase(wire.charAt(i - 1))
                    || (i + 1 < wire.length() && Character.isLowerCase(wire.charAt(i + 1)) && Character.isUpperCase(wire.charAt(i - 1))));
            if (boundary && out.length() > 0 && out.charAt(out.length() - 1) != '_') {
                out.append('_');
            }
            out.append(Character.toUpperCase(c));
        }
        String name = out.toString();
        return Character.isDigit(name.charAt(0)) ? "_" + name : name;
    }

    private String propertyDoc(JsonNode schema) {
        String text = schema.path("description").asString("");
        if (text.isEmpty() && schema.has("$ref")) {
            String name = schema.get("$ref").asString().substring("#/$defs/".length());
            text = defs.path(name).path("description").asString("");
        }
        if (schema.has("default")) {
            text = text + " Default: " + schema.get("default") + ".";
        }
        return escape(text.isEmpty() ? "see the schema" : text);
    }

    private static String javadoc(JsonNode def) {
        return escape(def.path("description").asString(""));
    }

    /** Descriptions go into Javadoc comments, which they must not close. */
    private static String escape(String text) {
        return text.replace("*/", "*&#47;");
    }
}
