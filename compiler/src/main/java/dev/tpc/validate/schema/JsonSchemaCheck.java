package dev.tpc.validate.schema;

import dev.tpc.diag.Diagnostic;
import dev.tpc.diag.Quoted;
import dev.tpc.diag.SchemaRule;
import dev.tpc.diag.SourceSpan;
import dev.tpc.yaml.ScalarNode;
import dev.tpc.yaml.SequenceNode;
import dev.tpc.yaml.YamlNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The JSON-Schema keywords (type, enum, required, additionalProperties, maxItems, minimum,
 * pattern, maxLength), checked by networknt's validator on the defaulted tree and mapped back to
 * the YAML node each error is about.
 */
final class JsonSchemaCheck {
    private final PolicySchema schema;

    JsonSchemaCheck(PolicySchema schema) {
        this.schema = schema;
    }

    List<Diagnostic> check(YamlNode defaulted) {
        List<com.networknt.schema.Error> errors = schema.validator().validate(YamlLocator.toJson(defaulted));
        List<Diagnostic> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (com.networknt.schema.Error e : errors) {
            Diagnostic d = map(defaulted, e);
            if (d != null && seen.add(d.code() + d.span() + d.message())) {
                out.add(d);
            }
        }
        return out;
    }

    private Diagnostic map(YamlNode root, com.networknt.schema.Error e) {
        List<Object> segments = new ArrayList<>();
        var location = e.getInstanceLocation();
        for (int i = 0; i < location.getNameCount(); i++) {
            segments.add(location.getElement(i));
        }
        YamlLocator.Found at = YamlLocator.find(root, segments);
        String path = at.path().toString();
        String keyword = e.getKeyword() == null ? "" : e.getKeyword();
        JsonNode schemaNode = e.getSchemaNode();
        switch (keyword) {
            case "additionalProperties": {
                String field = e.getProperty();
                SourceSpan span = at.node() instanceof dev.tpc.yaml.MappingNode m ? m.keySpan(field) : at.node().span();
                String known = knownFields(at.path());
                return SchemaRule.UNKNOWN_FIELD.at(span, path + ": unknown field " + Quoted.doubled(field),
                        hintForUnknown(field, known));
            }
            case "required": {
                String field = e.getProperty();
                String where = at.path().segments().isEmpty() ? field : path + "." + field;
                return SchemaRule.REQUIRED.at(at.holderSpan(), where + ": Required value",
                        "add " + field + " to " + (at.path().segments().isEmpty() ? "the resource" : path));
            }
            case "type": {
                String expected = schemaNode == null ? "?" : schemaNode.asString();
                String found = kindOf(at.node());
                // an empty value has no text to point at: point at its key
                boolean empty = at.node() instanceof ScalarNode s && s.isNull() && s.text().isEmpty();
                return SchemaRule.WRONG_TYPE.at(empty ? at.holderSpan() : at.node().span(),
                        path + ": Invalid value: " + shown(at.node()) + ": must be of type " + expected + ", not " + found,
                        typeHint(at.node(), expected));
            }
            case "enum": {
                List<String> allowed = new ArrayList<>();
                if (schemaNode != null) {
                    schemaNode.values().forEach(v -> allowed.add(v.asString()));
                }
                String value = at.node() instanceof ScalarNode s ? s.keyText() : at.node().kindName();
                String suggestion = Suggest.closest(value, allowed);
                String hint = (suggestion == null ? "" : "did you mean \"" + suggestion + "\"? ")
                        + "supported values: " + allowed.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(", "));
                return SchemaRule.UNSUPPORTED_VALUE.at(at.node().span(),
                        path + ": Unsupported value: " + shown(at.node()), hint);
            }
            case "maxItems": {
                int max = schemaNode == null ? 0 : schemaNode.asInt();
                YamlNode list = at.node();
                SourceSpan span = list instanceof SequenceNode s && s.items().size() > max ? s.items().get(max).span() : list.span();
                int count = list instanceof SequenceNode s ? s.items().size() : 0;
                return SchemaRule.TOO_MANY_ITEMS.at(span,
                        path + ": Too many: " + count + ": must have at most " + max + " items",
                        "Tetragon's CRD allows at most " + max + (max == 1 ? " entry" : " entries") + " here");
            }
            case "minimum": {
                String min = schemaNode == null ? "0" : schemaNode.asString();
                return SchemaRule.BELOW_MINIMUM.at(at.node().span(),
                        path + ": Invalid value: " + shown(at.node()) + ": must be greater than or equal to " + min);
            }
            case "pattern": {
                return SchemaRule.PATTERN_MISMATCH.at(at.node().span(),
                        path + ": Invalid value: " + shown(at.node()) + ": must match the regular expression "
                                + (schemaNode == null ? "?" : schemaNode.asString()),
                        "label values are empty or start and end with a letter or digit, with '-', '_' and '.' between");
            }
            case "maxLength": {
                String max = schemaNode == null ? "?" : schemaNode.asString();
                return SchemaRule.TOO_LONG.at(at.node().span(),
                        path + ": Too long: may not be more than " + max + " characters");
            }
            default:
                // keywords tpc's schema does not use; report rather than drop, so nothing is lost silently
                return SchemaRule.WRONG_TYPE.at(at.node().span(), path + ": " + Quoted.text(String.valueOf(e.getMessage())));
        }
    }

    /** The field names the schema allows at an object path, for the did-you-mean hint. */
    private String knownFields(FieldPath path) {
        JsonNode s = schema.root();
        for (Object segment : path.segments()) {
            if (s == null) {
                return "";
            }
            s = segment instanceof Integer ? schema.items(s) : schema.property(s, segment.toString());
        }
        if (s == null) {
            return "";
        }
        return String.join(",", s.path("properties").propertyNames());
    }

    private static String hintForUnknown(String field, String known) {
        List<String> names = known.isEmpty() ? List.of() : List.of(known.split(","));
        String suggestion = Suggest.closest(field, names);
        String base = "Tetragon decodes policies strictly and refuses fields its schema does not define";
        if (suggestion != null) {
            return "did you mean \"" + suggestion + "\"? " + base;
        }
        return names.isEmpty() ? base : base + "; known fields here: " + String.join(", ", names);
    }

    private static String typeHint(YamlNode node, String expected) {
        if (node instanceof ScalarNode s && !s.quoted() && "string".equals(expected) && (s.isBoolean() || s.isNumber())) {
            return "Tetragon reads YAML 1.1: unquoted " + Quoted.text(s.text()) + " is a " + s.kindName()
                    + "; quote it (" + Quoted.doubled(s.text()) + ") to make it a string";
        }
        if (node instanceof ScalarNode s && s.isNull()) {
            return "the key has no value; give it one or remove the key";
        }
        if (node instanceof ScalarNode s && "array".equals(expected)) {
            return "write a list: [" + Quoted.text(s.text()) + "] or one '- " + Quoted.text(s.text()) + "' item per line";
        }
        return null;
    }

    static String kindOf(YamlNode node) {
        return switch (node.kindName()) {
            case "mapping" -> "object";
            case "sequence" -> "array";
            default -> node.kindName();
        };
    }

    /** The value as a message shows it: strings quoted, other scalars as written, collections by kind. */
    static String shown(YamlNode node) {
        if (node instanceof ScalarNode s) {
            // quote the value as written: "yes", "0x10", "1e300" say more than their resolved forms
            String text = s.isNull() ? "null" : s.isString() ? s.keyText() : s.text();
            return s.isString() ? Quoted.doubled(text) : Quoted.text(text);
        }
        return "(" + kindOf(node) + ")";
    }
}
