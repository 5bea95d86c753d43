package dev.tpc.validate.semantic;

import dev.tpc.diag.Quoted;
import dev.tpc.diag.SemanticRule;
import dev.tpc.yaml.MappingNode;
import dev.tpc.yaml.ScalarNode;
import dev.tpc.yaml.YamlNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the {@link Hook}s of one section, merging selector macros the way Tetragon does. */
final class HookBuilder {
    private HookBuilder() {}

    static List<Hook> build(Policy policy, HookKind kind) {
        List<Hook> hooks = new ArrayList<>();
        List<MappingNode> items = Tree.maps(policy.spec, kind.section);
        for (int i = 0; i < items.size(); i++) {
            MappingNode h = items.get(i);
            List<HookArg> args = args(h, "args");
            if (kind == HookKind.TRACEPOINT && !Tree.bool(h, "raw", false)) {
                args = TracepointTypes.derive(policy, h, args);
            }
            List<HookArg> data = args(h, "data");
            Optional<HookArg> ret = Tree.map(h, "returnArg").map(m -> HookArg.of(m, 0));
            List<Selector> selectors = new ArrayList<>();
            List<MappingNode> sel = Tree.maps(h, "selectors");
            for (int s = 0; s < sel.size(); s++) {
                selectors.add(merge(policy, sel.get(s), s));
            }
            hooks.add(new Hook(kind, h, i, args, data, ret, selectors));
        }
        return hooks;
    }

    private static List<HookArg> args(MappingNode hook, String key) {
        List<MappingNode> nodes = Tree.maps(hook, key);
        List<HookArg> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            out.add(HookArg.of(nodes.get(i), i));
        }
        return out;
    }

    private static Selector merge(Policy policy, MappingNode selector, int position) {
        Map<String, YamlNode> fields = new LinkedHashMap<>();
        for (MappingNode.Entry e : selector.entries()) {
            if (!e.name().equals("macros")) {
                fields.put(e.name(), e.value());
            }
        }
        List<ScalarNode> macros = Tree.scalars(selector, "macros");
        Optional<MappingNode> defined = Tree.map(policy.spec, "selectorsMacros");
        for (ScalarNode use : macros) {
            String name = Tree.string(use);
            if (defined.isEmpty()) {
                policy.findings.add(SemanticRule.MACRO_UNDEFINED, use.span(),
                        "macro '" + Quoted.text(name) + "' is used in selector, but no macros were defined in policy spec",
                        "define it under spec.selectorsMacros");
                continue;
            }
            Optional<YamlNode> macro = defined.get().get(name);
            if (macro.isEmpty() || !(macro.get() instanceof MappingNode body)) {
                policy.findings.add(SemanticRule.MACRO_UNDEFINED, use.span(), "undefined macro '" + Quoted.text(name) + "'",
                        "spec.selectorsMacros defines: " + String.join(", ", defined.get().entries().stream().map(MappingNode.Entry::name).toList()));
                continue;
            }
            for (MappingNode.Entry e : body.entries()) {
                switch (e.name()) {
                    case "macros" -> policy.findings.add(SemanticRule.MACRO_NESTED, e.key().span(),
                            "macro '" + Quoted.text(name) + "' uses other macros (\"macro definition cannot use other macros\")",
                            "copy the other macro's fields into this one, or list both macros in the selector");
                    case "matchWorkloads" -> { } // Tetragon does not merge matchWorkloads from macros
                    case "label" -> fields.putIfAbsent("label", e.value());
                    default -> {
                        if (fields.containsKey(e.name())) {
                            policy.findings.add(SemanticRule.MACRO_FIELD_CONFLICT, e.key().span(),
                                    e.name() + " of macro '" + Quoted.text(name) + "' is also defined by the selector or another of its macros "
                                            + "(\"field is defined in multiple macros and/or policy selectors\")",
                                    "define each selector field in one place only");
                        } else {
                            fields.put(e.name(), e.value());
                        }
                    }
                }
            }
        }
        return new Selector(selector, position, fields);
    }
}
