package dev.tpc.buildtools.abi;

import dev.tpc.testing.RepoFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AbiReaderTest {

    private static final Path ABI = RepoFiles.resolve("bpf-templates/abi/template-abi.json");

    private static String abi() throws Exception {
        Path p = Files.exists(ABI) ? ABI : Path.of("../bpf-templates/abi/template-abi.json");
        return Files.readString(p);
    }

    @Test
    void theProjectAbiMatchesTetragonsFixedSizes() throws Exception {
        AbiModel m = AbiReader.parse(abi());
        assertEquals(736, m.struct("tg_event_config").orElseThrow().size());
        assertEquals(4096, m.maps().stream().filter(x -> x.name().equals("filter_map")).findFirst().orElseThrow().valueSize());
        int[] keys = {25, 49, 73, 97, 121, 145, 258, 514, 1026, 2050, 4098};
        for (int b = 0; b < keys.length; b++) {
            int bucket = b;
            AbiModel.MapDef map = m.maps().stream().filter(x -> x.name().equals("string_maps_" + bucket)).findFirst().orElseThrow();
            assertEquals(keys[b], map.inner().orElseThrow().keySizeIn("v511"), "bucket " + b);
        }
        assertEquals(512, m.maps().stream().filter(x -> x.name().equals("string_maps_7")).findFirst().orElseThrow()
                .inner().orElseThrow().keySizeIn("v510"));
    }

    @Test
    void aMisplacedFieldIsRefused() throws Exception {
        String broken = abi().replace("{ \"name\": \"syscall\", \"type\": \"u32\", \"offset\": 84 }",
                "{ \"name\": \"syscall\", \"type\": \"u32\", \"offset\": 88 }");
        var e = assertThrows(AbiReader.AbiException.class, () -> AbiReader.parse(broken));
        assertTrue(e.getMessage().contains("tg_event_config.syscall"), e.getMessage());
    }

    @Test
    void aWrongStructSizeIsRefused() throws Exception {
        String broken = abi().replace("\"name\": \"tpc_proc\", \"origin\": \"tpc\", \"size\": 512",
                "\"name\": \"tpc_proc\", \"origin\": \"tpc\", \"size\": 520");
        var e = assertThrows(AbiReader.AbiException.class, () -> AbiReader.parse(broken));
        assertTrue(e.getMessage().contains("tpc_proc"), e.getMessage());
    }

    @Test
    void generatedHeaderAndJavaCarryTheSameNumbers() throws Exception {
        AbiModel m = AbiReader.parse(abi());
        String header = CHeaderGenerator.render(m, "test");
        String java = JavaConstantsGenerator.render(m, "test").toString();
        assertTrue(header.contains("_Static_assert(sizeof(struct tg_event_config) == 736"));
        assertTrue(header.contains("#define TG_OP_NOTPOSTFIX 27"));
        assertTrue(header.contains("__type(key, __u8[4098]);"), "string bucket 10 inner key");
        assertTrue(java.contains("public static final int NOTPOSTFIX = 27;"));
        assertTrue(java.contains("public static final int SIZE = 736;"));
        assertTrue(java.contains("new MapSpec(\"string_maps_7\""));
    }
}
