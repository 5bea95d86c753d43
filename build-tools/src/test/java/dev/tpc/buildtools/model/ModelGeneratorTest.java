package dev.tpc.buildtools.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ModelGeneratorTest {
    private static Map<String, String> generate(String defs) {
        return new ModelGenerator(JsonMapper.builder().build().readTree("{\"$defs\": " + defs + "}")).generate();
    }

    @Test
    void constantNamesFollowWordBoundaries() {
        assertEquals("NOT_SPORT_PRIV", ModelGenerator.constantName("NotSportPriv"));
        assertEquals("S_PORT_PRIV", ModelGenerator.constantName("SPortPriv"));
        assertEquals("GT", ModelGenerator.constantName("GT"));
        assertEquals("CHAR_BUF", ModelGenerator.constantName("char_buf"));
        assertEquals("SUB_STRING_IGN_CASE", ModelGenerator.constantName("SubStringIgnCase"));
        assertEquals("KERNEL_CAP_T", ModelGenerator.constantName("kernel_cap_t"));
        assertEquals("SINT8", ModelGenerator.constantName("sint8"));
    }

    @Test
    void generatesRecordsEnumsAndResolvesAliases() {
        Map<String, String> out = generate("""
                {"Op": {"type": "string", "enum": ["In", "NotIn"]},
                 "Sel": {"type": "object", "properties": {
                    "operator": {"$ref": "#/$defs/Op"},
                    "values": {"type": "array", "items": {"type": "integer", "x-tpc-go-type": "uint32"}},
                    "addrs": {"type": "array", "items": {"type": "integer", "x-tpc-go-type": "uint64"}},
                    "return": {"type": "boolean"},
                    "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                    "other": {"$ref": "#/$defs/Alias"}}},
                 "Alias": {"$ref": "#/$defs/Sel", "x-kubernetes-validations": []}}
                """);
        assertEquals(java.util.Set.of("Op", "Sel"), out.keySet());
        String sel = out.get("Sel");
        assertTrue(sel.contains("public record Sel(MappingNode node, Op operator, List<Long> values,"), sel);
        assertTrue(sel.contains("List<BigInteger> addrs"), sel);
        assertTrue(sel.contains("Boolean isReturn"), sel);
        assertTrue(sel.contains("Map<String, String> labels, Sel other"), sel);
        assertTrue(sel.contains("Bind.enumOf(Bind.field(node, \"operator\"), Op::fromWire)"), sel);
        assertTrue(out.get("Op").contains("NOT_IN(\"NotIn\")"), out.get("Op"));
    }

    @Test
    void refusesWhatItCannotTypeFaithfully() {
        assertThrows(IllegalStateException.class, () -> generate(
                "{\"A\": {\"type\": \"object\", \"properties\": {\"n\": {\"type\": \"integer\"}}}}"));
        assertThrows(IllegalStateException.class, () -> generate(
                "{\"A\": {\"type\": \"object\", \"properties\": {\"in\": {\"type\": \"object\", \"properties\": {}}}}}"));
        assertThrows(IllegalStateException.class, () -> generate(
                "{\"E\": {\"type\": \"string\", \"enum\": [\"a-b\", \"a_b\"]}}"));
    }
}
