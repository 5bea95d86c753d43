package dev.tpc.bundle;

import dev.tpc.abi.TemplateAbi;
import dev.tpc.encode.Specialisation;
import dev.tpc.lower.ActionKind;
import dev.tpc.lower.ArgType;
import dev.tpc.lower.AttachTarget;
import dev.tpc.lower.Bytes;
import dev.tpc.lower.HookKind;
import dev.tpc.lower.Namespace;
import dev.tpc.lower.NodeFact;
import dev.tpc.lower.Operator;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@code loader.json} to and from JSON (docs/bundle-format.md, "loader.json"). */
final class LoaderConfigCodec {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final HexFormat HEX = HexFormat.of();

    private LoaderConfigCodec() {}

    static ObjectNode toJson(LoaderConfig c) {
        ObjectNode o = F.objectNode();
        o.put("format", LoaderConfig.FORMAT);
        o.put("target", c.target());
        o.put("hook", c.hook());
        o.put("name", c.name());
        o.put("kind", kindId(c.kind()));
        o.put("section", c.kind().section());
        o.put("specIndex", c.specIndex());
        o.set("attach", attach(c.attach()));
        o.put("syscall", c.syscall());
        o.put("returnProbe", c.returnProbe());
        o.put("returnFilter", c.returnFilter());
        if (c.template().isPresent()) {
            ObjectNode t = o.putObject("template");
            t.put("object", c.template().get().object());
            t.put("program", c.template().get().program());
            t.put("returnProgram", c.template().get().returnProgram());
            t.put("variant", c.template().get().variant());
        } else {
            o.putNull("template");
        }
        o.put("templateUnavailable", c.templateUnavailable());
        o.set("rodata", rodata(c.rodata()));
        if (c.returnRodata().isPresent()) {
            o.set("returnRodata", rodata(c.returnRodata().get()));
        } else {
            o.putNull("returnRodata");
        }
        ArrayNode maps = o.putArray("maps");
        for (LoaderConfig.MapShape m : c.maps()) {
            ObjectNode j = maps.addObject();
            j.put("side", m.side().id());
            j.put("name", m.name());
            j.put("type", m.type());
            j.put("keySize", m.keySize());
            j.put("valueSize", m.valueSize());
            j.put("maxEntries", m.maxEntries());
            if (m.inner().isPresent()) {
                ObjectNode in = j.putObject("inner");
                in.put("type", m.inner().get().type());
                in.put("keySize", m.inner().get().keySize());
                in.put("valueSize", m.inner().get().valueSize());
                in.put("flags", m.inner().get().flags());
            } else {
                j.putNull("inner");
            }
            ArrayNode inst = j.putArray("instances");
            for (LoaderConfig.InnerInstance i : m.instances()) {
                ObjectNode x = inst.addObject();
                x.put("index", i.index());
                x.put("name", i.name());
                x.put("maxEntries", i.maxEntries());
                x.put("entries", i.entries());
            }
            j.put("source", m.source());
        }
        ArrayNode relocations = o.putArray("relocations");
        for (LoaderConfig.Relocation r : c.relocations()) {
            ObjectNode j = relocations.addObject();
            j.set("fact", fact(r.fact()));
            j.put("side", r.side().id());
            j.put("entry", r.entry());
            j.put("map", r.map());
            j.put("key", r.key());
            j.put("offset", r.offset());
            j.put("width", r.width());
        }
        ObjectNode s = o.putObject("specialisation");
        strings(s.putArray("sections"), c.specialisation().sections());
        strings(s.putArray("operators"), c.specialisation().operators().stream()
                .map(id -> Operator.fromId(id).map(Operator::canonicalName).orElse(Integer.toString(id))).toList());
        strings(s.putArray("argTypes"), c.specialisation().argTypes().stream()
                .map(id -> ArgType.fromId(id).map(ArgType::canonicalName).orElse(Integer.toString(id))).toList());
        strings(s.putArray("actions"), c.specialisation().actions().stream()
                .map(id -> ActionKind.fromId(id).map(ActionKind::canonicalName).orElse(Integer.toString(id))).toList());
        strings(s.putArray("maps"), c.specialisation().maps());
        ObjectNode e = o.putObject("event");
        e.put("policy", c.event().policy());
        e.put("kind", c.event().eventKind());
        e.put("subsystem", c.event().subsystem());
        e.put("event", c.event().event());
        e.put("function", c.event().function());
        ArrayNode args = e.putArray("args");
        for (LoaderConfig.ArgInfo a : c.event().args()) {
            ObjectNode j = args.addObject();
            j.put("position", a.position());
            j.put("role", a.role());
            j.put("type", a.type());
            j.put("label", a.label());
        }
        e.put("message", c.event().message());
        strings(e.putArray("tags"), c.event().tags());
        strings(o.putArray("actionArgs"), c.actionArgs());
        return o;
    }

    private static ObjectNode rodata(LoaderConfig.Rodata r) {
        ObjectNode rodata = F.objectNode();
        rodata.put("symbol", r.symbol());
        rodata.put("bytes", r.bytes().hex());
        ObjectNode fields = rodata.putObject("fields");
        r.fields().forEach((k, v) -> fields.put(k, new BigInteger(Long.toUnsignedString(v))));
        return rodata;
    }

    static LoaderConfig fromJson(JsonNode root, String where) throws BundleFormatException {
        JsonFields o = JsonFields.of(root, where, "format", "target", "hook", "name", "kind", "section", "specIndex",
                "attach", "syscall", "returnProbe", "returnFilter", "template", "templateUnavailable", "rodata", "returnRodata",
                "maps", "relocations", "specialisation", "event", "actionArgs");
        if (!o.string("format").equals(LoaderConfig.FORMAT)) {
            throw new BundleFormatException(dev.tpc.diag.BundleRule.UNKNOWN_FORMAT, where + " has format '"
                    + o.string("format") + "', this tpc reads " + LoaderConfig.FORMAT);
        }
        HookKind kind = kind(o.string("kind"), where);
        if (!o.string("section").equals(kind.section())) {
            throw JsonFields.malformed(where + ".section does not match its kind");
        }
        Optional<LoaderConfig.Template> template = Optional.empty();
        if (!o.raw("template").isNull()) {
            JsonFields t = JsonFields.of(o.raw("template"), where + ".template", "object", "program", "returnProgram",
                    "variant");
            template = Optional.of(new LoaderConfig.Template(t.string("object"), t.string("program"),
                    t.string("returnProgram"), t.string("variant")));
        }
        String unavailable = o.string("templateUnavailable");
        if (template.isPresent() == !unavailable.isEmpty()) {
            throw JsonFields.malformed(where + ": exactly one of template and templateUnavailable must be given");
        }
        Optional<LoaderConfig.Rodata> returnRodata = o.raw("returnRodata").isNull() ? Optional.empty()
                : Optional.of(rodata(o.raw("returnRodata"), where + ".returnRodata"));
        if (returnRodata.isPresent() != template.map(t -> !t.returnProgram().isEmpty()).orElse(false)) {
            throw JsonFields.malformed(where + ": returnRodata must be given exactly when the template has a return program");
        }
        return new LoaderConfig(o.string("target"), (int) o.integer("hook", 0, 100_000), o.string("name"), kind,
                (int) o.integer("specIndex", 0, 100_000), attach(o.raw("attach"), where + ".attach"), o.bool("syscall"),
                o.bool("returnProbe"), o.bool("returnFilter"), template, unavailable,
                rodata(o.raw("rodata"), where + ".rodata"), returnRodata, maps(o.array("maps"), where), relocations(o.array("relocations"), where),
                specialisation(o.raw("specialisation"), where + ".specialisation"), event(o.raw("event"), where + ".event"),
                o.strings("actionArgs"));
    }

    static String kindId(HookKind k) {
        return k.name().toLowerCase(Locale.ROOT);
    }

    private static HookKind kind(String id, String where) throws BundleFormatException {
        for (HookKind k : HookKind.values()) {
            if (kindId(k).equals(id)) {
                return k;
            }
        }
        throw JsonFields.malformed(where + ".kind '" + id + "' is not a hook kind");
    }

    private static ObjectNode attach(AttachTarget a) {
        ObjectNode o = F.objectNode();
        if (a instanceof AttachTarget.KernelFunction k) {
            o.put("type", "kernel_function");
            o.put("symbol", k.symbol());
        } else if (a instanceof AttachTarget.NodeGeneratedFunctions g) {
            o.put("type", "generated_functions");
            o.put("list", g.list());
            o.put("listType", g.listType());
            o.put("pattern", g.pattern());
        } else if (a instanceof AttachTarget.Tracepoint t) {
            o.put("type", "tracepoint");
            o.put("subsystem", t.subsystem());
            o.put("event", t.event());
        } else if (a instanceof AttachTarget.LsmHook l) {
            o.put("type", "lsm_hook");
            o.put("hook", l.hook());
        } else if (a instanceof AttachTarget.UserFunction u) {
            o.put("type", "user_function");
            o.put("path", u.path());
            o.put("location", u.location().id());
            o.put("symbol", u.symbol());
            o.put("offset", u.offset());
            o.put("refCtrOffset", u.refCtrOffset());
        } else if (a instanceof AttachTarget.UsdtProbe u) {
            o.put("type", "usdt");
            o.put("path", u.path());
            o.put("provider", u.provider());
            o.put("probe", u.probe());
        }
        return o;
    }

    private static AttachTarget attach(JsonNode node, String where) throws BundleFormatException {
        String type = node != null && node.isObject() && node.has("type") && node.get("type").isString()
                ? node.get("type").stringValue() : "";
        switch (type) {
            case "kernel_function" -> {
                JsonFields f = JsonFields.of(node, where, "type", "symbol");
                return new AttachTarget.KernelFunction(f.string("symbol"));
            }
            case "generated_functions" -> {
                JsonFields f = JsonFields.of(node, where, "type", "list", "listType", "pattern");
                return new AttachTarget.NodeGeneratedFunctions(f.string("list"), f.string("listType"), f.string("pattern"));
            }
            case "tracepoint" -> {
                JsonFields f = JsonFields.of(node, where, "type", "subsystem", "event");
                return new AttachTarget.Tracepoint(f.string("subsystem"), f.string("event"));
            }
            case "lsm_hook" -> {
                JsonFields f = JsonFields.of(node, where, "type", "hook");
                return new AttachTarget.LsmHook(f.string("hook"));
            }
            case "user_function" -> {
                JsonFields f = JsonFields.of(node, where, "type", "path", "location", "symbol", "offset", "refCtrOffset");
                AttachTarget.UserFunction.Location location = null;
                for (AttachTarget.UserFunction.Location l : AttachTarget.UserFunction.Location.values()) {
                    if (l.id().equals(f.string("location"))) {
                        location = l;
                    }
                }
                if (location == null) {
                    throw JsonFields.malformed(where + ".location '" + f.string("location") + "' is not symbol, offset or address");
                }
                if ((location == AttachTarget.UserFunction.Location.SYMBOL) == f.string("symbol").isEmpty()) {
                    throw JsonFields.malformed(where + ".symbol must be given exactly when location is symbol");
                }
                return new AttachTarget.UserFunction(f.string("path"), location, f.string("symbol"),
                        f.integer("offset", 0, Long.MAX_VALUE), f.integer("refCtrOffset", 0, Long.MAX_VALUE));
            }
            case "usdt" -> {
                JsonFields f = JsonFields.of(node, where, "type", "path", "provider", "probe");
                return new AttachTarget.UsdtProbe(f.string("path"), f.string("provider"), f.string("probe"));
            }
            default -> throw JsonFields.malformed(where + " has no known type");
        }
    }

    private static LoaderConfig.Rodata rodata(JsonNode node, String where) throws BundleFormatException {
        JsonFields f = JsonFields.of(node, where, "symbol", "bytes", "fields");
        if (!f.string("symbol").equals(TemplateAbi.TpcHookConfig.RODATA_SYMBOL)) {
            throw JsonFields.malformed(where + ".symbol is not " + TemplateAbi.TpcHookConfig.RODATA_SYMBOL);
        }
        byte[] bytes = hex(f.string("bytes"), where + ".bytes");
        if (bytes.length != TemplateAbi.TpcHookConfig.SIZE) {
            throw JsonFields.malformed(where + ".bytes is " + bytes.length + " bytes, not " + TemplateAbi.TpcHookConfig.SIZE);
        }
        Map<String, Long> decoded = HookConfigLayout.decode(bytes);
        String[] names = decoded.keySet().toArray(String[]::new);
        JsonFields fields = JsonFields.of(f.raw("fields"), where + ".fields", names);
        Map<String, Long> given = new LinkedHashMap<>();
        for (String n : names) {
            JsonNode v = fields.raw(n);
            if (!v.isIntegralNumber() || v.bigIntegerValue().signum() < 0 || v.bigIntegerValue().bitLength() > 64) {
                throw JsonFields.malformed(where + ".fields." + n + " is not an unsigned 64-bit integer");
            }
            given.put(n, v.bigIntegerValue().longValue());
        }
        if (!given.equals(decoded) || !java.util.Arrays.equals(bytes, HookConfigLayout.encode(decoded))) {
            throw JsonFields.malformed(where + ".fields do not match its bytes");
        }
        return new LoaderConfig.Rodata(f.string("symbol"), Bytes.of(bytes), decoded);
    }

    private static List<LoaderConfig.MapShape> maps(List<JsonNode> nodes, String where) throws BundleFormatException {
        List<LoaderConfig.MapShape> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String w = where + ".maps[" + i + "]";
            JsonFields f = JsonFields.of(nodes.get(i), w, "side", "name", "type", "keySize", "valueSize", "maxEntries",
                    "inner", "instances", "source");
            Optional<LoaderConfig.InnerShape> inner = Optional.empty();
            if (!f.raw("inner").isNull()) {
                JsonFields in = JsonFields.of(f.raw("inner"), w + ".inner", "type", "keySize", "valueSize", "flags");
                inner = Optional.of(new LoaderConfig.InnerShape(in.string("type"), in.integer("keySize"),
                        in.integer("valueSize"), in.integer("flags")));
            }
            List<LoaderConfig.InnerInstance> instances = new ArrayList<>();
            for (JsonNode x : f.array("instances")) {
                JsonFields in = JsonFields.of(x, w + ".instances[]", "index", "name", "maxEntries", "entries");
                instances.add(new LoaderConfig.InnerInstance(in.integer("index"), in.string("name"),
                        in.integer("maxEntries"), in.integer("entries")));
            }
            out.add(new LoaderConfig.MapShape(side(f.string("side"), w), f.string("name"), f.string("type"),
                    f.integer("keySize"), f.integer("valueSize"), f.integer("maxEntries"), inner, instances,
                    f.string("source")));
        }
        return out;
    }

    private static List<LoaderConfig.Relocation> relocations(List<JsonNode> nodes, String where) throws BundleFormatException {
        List<LoaderConfig.Relocation> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String w = where + ".relocations[" + i + "]";
            JsonFields f = JsonFields.of(nodes.get(i), w, "fact", "side", "entry", "map", "key", "offset", "width");
            int width = (int) f.integer("width", 1, BundleLayout.FILTER_SIZE);
            out.add(new LoaderConfig.Relocation(fact(f.raw("fact"), w + ".fact"), side(f.string("side"), w),
                    f.string("entry"), f.string("map"), (int) f.integer("key", -1, 9), f.integer("offset"), width));
        }
        return out;
    }

    private static ObjectNode fact(NodeFact fact) {
        ObjectNode o = F.objectNode();
        if (fact instanceof NodeFact.HostNamespaceInode h) {
            o.put("kind", "host_ns");
            o.put("namespace", h.namespace().procName());
        } else if (fact instanceof NodeFact.HostUserNamespaceInode) {
            o.put("kind", "host_user_ns");
        } else if (fact instanceof NodeFact.MatchBinariesSetId) {
            o.put("kind", "mbset_id");
        } else if (fact instanceof NodeFact.BtfPath b) {
            o.put("kind", "btf_path");
            o.put("position", b.position());
            o.put("path", b.path());
        }
        return o;
    }

    private static NodeFact fact(JsonNode node, String where) throws BundleFormatException {
        String kind = node != null && node.isObject() && node.has("kind") && node.get("kind").isString()
                ? node.get("kind").stringValue() : "";
        switch (kind) {
            case "host_ns" -> {
                JsonFields f = JsonFields.of(node, where, "kind", "namespace");
                String ns = f.string("namespace");
                for (Namespace n : Namespace.values()) {
                    if (n.procName().equals(ns)) {
                        return new NodeFact.HostNamespaceInode(n);
                    }
                }
                throw JsonFields.malformed(where + ".namespace '" + ns + "' is not a namespace");
            }
            case "host_user_ns" -> {
                JsonFields.of(node, where, "kind");
                return new NodeFact.HostUserNamespaceInode();
            }
            case "mbset_id" -> {
                JsonFields.of(node, where, "kind");
                return new NodeFact.MatchBinariesSetId();
            }
            case "btf_path" -> {
                JsonFields f = JsonFields.of(node, where, "kind", "position", "path");
                return new NodeFact.BtfPath((int) f.integer("position", 0, 4), f.string("path"));
            }
            default -> throw JsonFields.malformed(where + " is not a known node fact");
        }
    }

    private static Specialisation specialisation(JsonNode node, String where) throws BundleFormatException {
        JsonFields f = JsonFields.of(node, where, "sections", "operators", "argTypes", "actions", "maps");
        TreeSet<Integer> ops = new TreeSet<>();
        for (String s : f.strings("operators")) {
            ops.add(Operator.parse(s).filter(op -> op.canonicalName().equals(s)).map(Operator::id)
                    .orElseThrow(() -> JsonFields.malformed(where + ".operators: '" + s + "' is not an operator")));
        }
        TreeSet<Integer> types = new TreeSet<>();
        for (String s : f.strings("argTypes")) {
            types.add(ArgType.fromName(s).filter(t -> t.canonicalName().equals(s)).map(ArgType::id)
                    .orElseThrow(() -> JsonFields.malformed(where + ".argTypes: '" + s + "' is not a type")));
        }
        TreeSet<Integer> actions = new TreeSet<>();
        for (String s : f.strings("actions")) {
            actions.add(ActionKind.parse(s).filter(a -> a.canonicalName().equals(s)).map(ActionKind::id)
                    .orElseThrow(() -> JsonFields.malformed(where + ".actions: '" + s + "' is not an action")));
        }
        return new Specialisation(new TreeSet<>(f.strings("sections")), ops, types, actions, new TreeSet<>(f.strings("maps")));
    }

    private static LoaderConfig.EventInfo event(JsonNode node, String where) throws BundleFormatException {
        JsonFields f = JsonFields.of(node, where, "policy", "kind", "subsystem", "event", "function", "args", "message", "tags");
        List<LoaderConfig.ArgInfo> args = new ArrayList<>();
        for (JsonNode a : f.array("args")) {
            JsonFields x = JsonFields.of(a, where + ".args[]", "position", "role", "type", "label");
            args.add(new LoaderConfig.ArgInfo((int) x.integer("position", 0, 4), x.string("role"), x.string("type"),
                    x.string("label")));
        }
        return new LoaderConfig.EventInfo(f.string("policy"), f.string("kind"), f.string("subsystem"), f.string("event"),
                f.string("function"), args, f.string("message"), f.strings("tags"));
    }

    private static LoaderConfig.Side side(String id, String where) throws BundleFormatException {
        for (LoaderConfig.Side s : LoaderConfig.Side.values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw JsonFields.malformed(where + ".side '" + id + "' is not entry or return");
    }

    static byte[] hex(String s, String where) throws BundleFormatException {
        if (!s.matches("([0-9a-f]{2})*")) {
            throw JsonFields.malformed(where + " is not lower-case hex");
        }
        return HEX.parseHex(s);
    }

    private static void strings(ArrayNode a, java.util.Collection<String> values) {
        values.forEach(a::add);
    }
}
