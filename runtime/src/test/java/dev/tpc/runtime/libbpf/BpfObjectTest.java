package dev.tpc.runtime.libbpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.runtime.testing.BpfTestSupport;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BpfObjectTest {

    private static byte[] u32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    private static byte[] u64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    @Test
    void rodataFromBtfAndTestRunSeesEveryInput() throws Exception {
        Native n = BpfTestSupport.requireBpf();
        byte[] elf = BpfTestSupport.testObject("tracepoint");
        try (BpfObject obj = BpfObject.open(n, "tpc_test", elf)) {
            Map<String, GlobalData.Variable> vars = GlobalData.variables(obj, ".rodata");
            assertEquals(4, vars.get("magic").size());
            assertEquals(8, vars.get("bias").size());
            GlobalData.set(obj, ".rodata", Map.of("magic", u32(1000), "bias", u64(200)));
            obj.program("tpct_on_exec").orElseThrow().setAutoload(false);
            obj.load();
            BpfProgram prog = obj.program("tpct_sys_enter").orElseThrow();
            byte[] ctx = new byte[16];
            ByteBuffer.wrap(ctx).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 0).putLong(8, 39);
            assertEquals(1200, prog.testRun(ctx, null, 0).retval());

            obj.map("tpct_config").orElseThrow().update(u32(0), u64(30));
            assertEquals(1230, prog.testRun(ctx, null, 0).retval());
        }
    }

    @Test
    void wrongRodataSizeIsRefusedBeforeLoad() throws Exception {
        Native n = BpfTestSupport.requireBpf();
        byte[] elf = BpfTestSupport.testObject("tracepoint");
        try (BpfObject obj = BpfObject.open(n, "tpc_test", elf)) {
            BpfException e = assertThrows(BpfException.class,
                    () -> GlobalData.set(obj, ".rodata", Map.of("magic", u64(1))));
            assertTrue(e.getMessage().contains("magic"), e.getMessage());
        }
    }

    @Test
    void verifierRefusalCarriesTheLog() throws Exception {
        Native n = BpfTestSupport.requireBpf();
        byte[] elf = BpfTestSupport.testObject("broken");
        try (BpfObject obj = BpfObject.open(n, "tpc_broken", elf)) {
            BpfException e = assertThrows(BpfException.class, obj::load);
            assertTrue(e.verifierLog().contains("map_value_or_null"), e.verifierLog());
            assertTrue(e.getMessage().contains("verifier refused"), e.getMessage());
            assertTrue(e.getMessage().contains("prog 'tpct_refused'"), e.getMessage());
        }
    }
}
