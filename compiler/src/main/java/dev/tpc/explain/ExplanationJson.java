package dev.tpc.explain;

import dev.tpc.bundle.BundleManifest;
import dev.tpc.bundle.LoaderConfig;
import dev.tpc.decode.Decoder;
import dev.tpc.decode.NormalForm;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON rendering of an {@link Explanation} (docs/bundle-format.md, "tpc explain --format
 * json"): per target and attach point the hook's name, its filter blob as hex without trailing
 * zero bytes (the corpus verdicts' form), its event_config, and its selectors in normal form.
 */
public final class ExplanationJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ExplanationJson() {}

    public static ObjectNode tree(Explanation e) {
        BundleManifest m = e.manifest();
        ObjectNode o = F.objectNode();
        o.put("source", e.source());
        ObjectNode policy = o.putObject("policy");
        policy.put("kind", m.kind());
        policy.put("name", m.name());
        if (m.namespace() == null) {
            policy.putNull("namespace");
        } else {
            policy.put("namespace", m.namespace());
        }
        policy.put("mode", m.policyMode());
        ObjectNode bundle = o.putObject("bundle");
        bundle.put("sha256", e.bundleSha256());
        bundle.put("format", m.format());
        bundle.put("toolVersion", m.toolVersion());
        bundle.put("tetragonVersion", m.tetragonVersion());
        bundle.put("arch", m.arch().id());
        bundle.put("sourceName", m.sourceName());
        bundle.put("sourceSha256", m.sourceSha256());
        bundle.put("document", m.document());
        ArrayNode targets = o.putArray("targets");
        for (Explanation.Target t : e.targets()) {
            ObjectNode tj = targets.addObject();
            tj.put("target", t.target().name());
            tj.put("kernel", t.target().kernel());
            ArrayNode hooks = tj.putArray("hooks");
            for (Explanation.Hook h : t.hooks()) {
                hooks.add(hook(h));
            }
        }
        return o;
    }

    public static String render(Explanation e) {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree(e)).replace("\r\n", "\n") + "\n";
    }

    private static ObjectNode hook(Explanation.Hook h) {
        LoaderConfig c = h.config();
        ObjectNode o = F.objectNode();
        o.put("hook", c.hook());
        o.put("name", c.name());
        o.put("kind", c.kind().name().toLowerCase(java.util.Locale.ROOT));
        o.put("blob", h.blob());
        h.returnBlob().ifPresent(r -> o.put("ret_blob", r));
        o.put("event_config", h.eventConfig());
        if (c.template().isPresent()) {
            o.put("template", c.template().get().object() + "/" + c.template().get().variant());
        } else {
            o.putNull("template");
            o.put("templateUnavailable", c.templateUnavailable());
        }
        ArrayNode relocations = o.putArray("nodeValues");
        for (LoaderConfig.Relocation r : c.relocations()) {
            ObjectNode rj = relocations.addObject();
            rj.put("fact", r.fact().label());
            rj.put("entry", r.entry());
            if (!r.map().isEmpty()) {
                rj.put("map", r.map());
                rj.put("key", r.key());
            }
            rj.put("offset", r.offset());
            rj.put("width", r.width());
        }
        if (h.decoded() instanceof Decoder.Result.Invalid invalid) {
            o.put("decodeError", invalid.reason());
            return o;
        }
        NormalForm.Hook n = ((Decoder.Result.Decoded) h.decoded()).hook();
        ArrayNode args = o.putArray("args");
        for (NormalForm.ArgSlot a : n.args()) {
            ObjectNode aj = args.addObject();
            aj.put("position", a.position());
            aj.put("type", a.type());
            aj.put("index", a.index());
        }
        o.set("selectors", selectors(n.selectors()));
        n.returnSelectors().ifPresent(r -> o.set("returnSelectors", selectors(r)));
        return o;
    }

    private static ArrayNode selectors(List<NormalForm.Selector> selectors) {
        ArrayNode out = F.arrayNode();
        for (NormalForm.Selector s : selectors) {
            ObjectNode o = out.addObject();
            if (!s.pids().isEmpty()) {
                ArrayNode a = o.putArray("matchPIDs");
                s.pids().forEach(p -> {
                    ObjectNode j = a.addObject();
                    j.put("operator", p.operator());
                    strings(j.putArray("values"), p.values());
                    j.put("isNamespacePID", p.namespacePid());
                    j.put("followForks", p.followForks());
                });
            }
            if (!s.namespaces().isEmpty()) {
                ArrayNode a = o.putArray("matchNamespaces");
                s.namespaces().forEach(n -> {
                    ObjectNode j = a.addObject();
                    j.put("namespace", n.namespace());
                    j.put("operator", n.operator());
                    strings(j.putArray("values"), n.values());
                });
            }
            capabilities(o, "matchCapabilities", s.capabilities());
            if (!s.namespaceChanges().isEmpty()) {
                ArrayNode a = o.putArray("matchNamespaceChanges");
                s.namespaceChanges().forEach(n -> {
                    ObjectNode j = a.addObject();
                    j.put("operator", n.operator());
                    strings(j.putArray("values"), n.namespaces());
                });
            }
            capabilities(o, "matchCapabilityChanges", s.capabilityChanges());
            binaries(o, "matchBinaries", s.binaries());
            binaries(o, "matchParentBinaries", s.parentBinaries());
            if (!s.args().isEmpty()) {
                ArrayNode a = o.putArray("matchArgs");
                s.args().forEach(x -> {
                    ObjectNode j = a.addObject();
                    j.put("position", x.position());
                    j.put("operator", x.operator());
                    j.put("type", x.type());
                    strings(j.putArray("values"), x.values());
                });
            }
            ArrayNode actions = o.putArray("matchActions");
            for (NormalForm.Action a : s.actions()) {
                ObjectNode j = actions.addObject();
                j.put("action", a.action());
                for (String p : a.parameters()) {
                    int eq = p.indexOf('=');
                    j.put(eq < 0 ? p : p.substring(0, eq), eq < 0 ? "" : p.substring(eq + 1));
                }
            }
        }
        return out;
    }

    private static void capabilities(ObjectNode o, String name, List<NormalForm.Capabilities> caps) {
        if (caps.isEmpty()) {
            return;
        }
        ArrayNode a = o.putArray(name);
        caps.forEach(c -> {
            ObjectNode j = a.addObject();
            j.put("type", c.set());
            j.put("operator", c.operator());
            j.put("isNamespaceCapability", c.namespaceCapability());
            strings(j.putArray("values"), c.capabilities());
        });
    }

    private static void binaries(ObjectNode o, String name, Optional<NormalForm.Binaries> b) {
        b.ifPresent(x -> {
            ObjectNode j = o.putObject(name);
            j.put("operator", x.operator());
            strings(j.putArray("values"), x.values());
            j.put("followChildren", x.followChildren());
        });
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }
}
