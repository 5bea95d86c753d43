package dev.tpc.buildtools.abi;

import dev.tpc.buildtools.abi.AbiModel.Constant;
import dev.tpc.buildtools.abi.AbiModel.ConstantGroup;
import dev.tpc.buildtools.abi.AbiModel.Field;
import dev.tpc.buildtools.abi.AbiModel.InnerMap;
import dev.tpc.buildtools.abi.AbiModel.MapDef;
import dev.tpc.buildtools.abi.AbiModel.Program;
import dev.tpc.buildtools.abi.AbiModel.StructDef;
import dev.tpc.buildtools.abi.AbiModel.Variant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and checks the template ABI description. Every layout error (overlapping or misplaced
 * fields, a size that does not add up, an unknown type, a duplicate name) is reported here, so
 * a wrong description never reaches the C compiler or the Java compiler.
 */
public final class AbiReader {

    private static final Pattern IDENT = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern CONST_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Set<String> MAP_TYPES = Set.of("ARRAY", "HASH", "LRU_HASH", "PERCPU_ARRAY",
            "ARRAY_OF_MAPS", "HASH_OF_MAPS", "LPM_TRIE", "RINGBUF");

    private AbiReader() {}

    public static AbiModel read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    public static AbiModel parse(String json) {
        JsonNode root = JsonMapper.builder().build().readTree(json);
        List<Variant> variants = new ArrayList<>();
        for (JsonNode v : array(root, "variants")) {
            variants.add(new Variant(text(v, "name"), text(v, "suffix"), text(v, "minKernel"),
                    optText(v, "maxKernelExclusive"), v.has("cDefine") ? v.get("cDefine").asString() : "",
                    integer(v, "stringBuckets"), integer(v, "maxStringLength"), optText(v, "description").orElse("")));
        }
        Set<String> variantNames = new HashSet<>();
        variants.forEach(v -> require(variantNames.add(v.name()), "duplicate variant " + v.name()));

        List<Program> programs = new ArrayList<>();
        for (JsonNode p : array(root, "programs")) {
            programs.add(new Program(text(p, "object"), text(p, "program"), text(p, "section"),
                    text(p, "hookKind"), optText(p, "description").orElse("")));
        }

        List<ConstantGroup> groups = new ArrayList<>();
        Set<String> cNames = new HashSet<>();
        for (JsonNode g : array(root, "constants")) {
            List<Constant> values = new ArrayList<>();
            String prefix = text(g, "cPrefix");
            for (Map.Entry<String, JsonNode> e : g.get("values").properties()) {
                require(CONST_NAME.matcher(e.getKey()).matches(), "bad constant name " + e.getKey());
                require(e.getValue().isIntegralNumber(), "constant " + e.getKey() + " is not an integer");
                require(cNames.add(prefix + e.getKey()), "duplicate C constant " + prefix + e.getKey());
                values.add(new Constant(e.getKey(), e.getValue().asLong()));
            }
            groups.add(new ConstantGroup(text(g, "group"), prefix, optText(g, "origin").orElse("tpc"),
                    optText(g, "description").orElse(""), values));
        }

        List<StructDef> structs = new ArrayList<>();
        for (JsonNode s : array(root, "structs")) {
            List<Field> fields = new ArrayList<>();
            for (JsonNode f : array(s, "fields")) {
                fields.add(new Field(text(f, "name"), text(f, "type"), f.has("count") ? integer(f, "count") : 1,
                        integer(f, "offset"), optText(f, "note")));
            }
            structs.add(new StructDef(text(s, "name"), text(s, "origin"), integer(s, "size"),
                    optText(s, "description").orElse(""), optText(s, "rodataSymbol"), optText(s, "variableTail"), fields));
        }

        List<MapDef> maps = new ArrayList<>();
        for (JsonNode m : array(root, "maps")) {
            Optional<InnerMap> inner = Optional.empty();
            if (m.has("inner")) {
                JsonNode i = m.get("inner");
                Map<String, Integer> byVariant = new LinkedHashMap<>();
                if (i.has("keySizeByVariant")) {
                    for (Map.Entry<String, JsonNode> e : i.get("keySizeByVariant").properties()) {
                        require(variantNames.contains(e.getKey()), "unknown variant " + e.getKey());
                        byVariant.put(e.getKey(), e.getValue().asInt());
                    }
                }
                inner = Optional.of(new InnerMap(text(i, "type"), integer(i, "keySize"), byVariant,
                        integer(i, "valueSize"), integer(i, "maxEntries"), i.has("flags") ? integer(i, "flags") : 0,
                        optText(i, "keyStruct"), text(i, "namePattern")));
            }
            Set<String> inVariants = new HashSet<>();
            if (m.has("variants")) {
                for (JsonNode v : m.get("variants")) {
                    require(variantNames.contains(v.asString()), "unknown variant " + v.asString());
                    inVariants.add(v.asString());
                }
            }
            maps.add(new MapDef(text(m, "name"), text(m, "origin"), text(m, "scope"), text(m, "group"),
                    text(m, "type"), integer(m, "keySize"), integer(m, "valueSize"), integer(m, "maxEntries"),
                    m.has("flags") ? integer(m, "flags") : 0, optText(m, "keyStruct"), optText(m, "valueStruct"),
                    inner, inVariants, m.has("internal") && m.get("internal").asBoolean(),
                    optText(m, "description").orElse("")));
        }

        AbiModel model = new AbiModel(integer(root, "abiVersion"), text(root, "tetragonVersion"),
                variants, programs, groups, structs, maps);
        validate(model);
        return model;
    }

    /** Checks names, struct layouts and map shapes; throws {@link AbiException} on the first error. */
    static void validate(AbiModel model) {
        Map<String, StructDef> byName = new HashMap<>();
        for (StructDef s : model.structs()) {
            require(IDENT.matcher(s.name()).matches(), "bad struct name " + s.name());
            require(byName.put(s.name(), s) == null, "duplicate struct " + s.name());
            require(s.origin().equals("tpc") || s.origin().equals("tetragon"), s.name() + ": origin must be tpc or tetragon");
            int expected = 0;
            Set<String> names = new HashSet<>();
            for (Field f : s.fields()) {
                require(IDENT.matcher(f.name()).matches(), s.name() + ": bad field name " + f.name());
                require(names.add(f.name()), s.name() + ": duplicate field " + f.name());
                require(f.count() >= 1, s.name() + "." + f.name() + ": count must be >= 1");
                int elem = AbiModel.scalarSize(f.type()).orElseGet(() -> {
                    StructDef nested = byName.get(f.type());
                    require(nested != null, s.name() + "." + f.name() + ": unknown type " + f.type()
                            + " (structs must be declared before use)");
                    return nested.size();
                });
                require(f.offset() == expected, s.name() + "." + f.name() + ": offset " + f.offset()
                        + " but the previous fields end at " + expected + " (no implicit padding: declare it)");
                expected = f.offset() + elem * f.count();
            }
            require(expected == s.size(), s.name() + ": fields end at " + expected + " but size is " + s.size());
        }
        Set<String> mapNames = new HashSet<>();
        for (MapDef m : model.maps()) {
            require(IDENT.matcher(m.name()).matches(), "bad map name " + m.name());
            require(m.name().length() <= 15 || m.origin().equals("tetragon"),
                    m.name() + ": tpc map names must fit the kernel's 15-character map name");
            require(mapNames.add(m.name()), "duplicate map " + m.name());
            require(MAP_TYPES.contains(m.type()), m.name() + ": unknown map type " + m.type());
            require(Set.of("program", "policy", "global").contains(m.scope()), m.name() + ": bad scope " + m.scope());
            boolean ofMaps = m.type().endsWith("_OF_MAPS");
            require(ofMaps == m.inner().isPresent(), m.name() + ": inner map iff *_OF_MAPS");
            if (m.type().equals("RINGBUF")) {
                require(m.maxEntries() >= 4096 && Integer.bitCount(m.maxEntries()) == 1,
                        m.name() + ": ring buffer size must be a power of two >= 4096");
            } else {
                require(m.keySize() > 0 && m.valueSize() > 0 && m.maxEntries() > 0, m.name() + ": sizes must be > 0");
            }
            m.valueStruct().ifPresent(n -> require(byName.containsKey(n) && byName.get(n).size() == m.valueSize(),
                    m.name() + ": value struct " + n + " missing or of another size"));
            m.keyStruct().ifPresent(n -> require(byName.containsKey(n) && byName.get(n).size() == m.keySize(),
                    m.name() + ": key struct " + n + " missing or of another size"));
            m.inner().flatMap(InnerMap::keyStruct).ifPresent(n -> require(
                    byName.containsKey(n) && byName.get(n).size() == m.inner().get().keySize(),
                    m.name() + ": inner key struct " + n + " missing or of another size"));
        }
        Set<String> constGroups = new HashSet<>();
        for (ConstantGroup g : model.constants()) {
            require(g.group().matches("[A-Z][A-Za-z0-9]*"), "bad constant group " + g.group());
            require(constGroups.add(g.group()), "duplicate constant group " + g.group());
        }
        for (Program p : model.programs()) {
            require(IDENT.matcher(p.object()).matches() && IDENT.matcher(p.program()).matches(),
                    "bad program/object name " + p.object() + "/" + p.program());
        }
    }

    private static Iterable<JsonNode> array(JsonNode node, String name) {
        JsonNode a = node.get(name);
        require(a != null && a.isArray(), "missing array '" + name + "'");
        return a;
    }

    private static String text(JsonNode node, String name) {
        JsonNode v = node.get(name);
        require(v != null && v.isString(), "missing string '" + name + "' in " + node);
        return v.asString();
    }

    private static Optional<String> optText(JsonNode node, String name) {
        JsonNode v = node.get(name);
        return v == null ? Optional.empty() : Optional.of(v.asString());
    }

    private static int integer(JsonNode node, String name) {
        JsonNode v = node.get(name);
        require(v != null && v.isIntegralNumber() && v.canConvertToInt(), "missing integer '" + name + "' in " + node);
        return v.asInt();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new AbiException(message);
        }
    }

    /** A template ABI description that is malformed or inconsistent. */
    public static final class AbiException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public AbiException(String message) {
            super(message);
        }
    }
}
