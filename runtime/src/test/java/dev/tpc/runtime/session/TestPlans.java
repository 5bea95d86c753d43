package dev.tpc.runtime.session;

import dev.tpc.runtime.plan.Attach;
import dev.tpc.runtime.plan.Bytes;
import dev.tpc.runtime.plan.LoadPlan;
import dev.tpc.runtime.plan.MapContent;
import dev.tpc.runtime.plan.MapEntry;
import dev.tpc.runtime.plan.ProgramPlan;
import dev.tpc.runtime.plan.TemplateRef;
import dev.tpc.runtime.testing.BpfTestSupport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Plans over the test objects of src/test/bpf (template tpct_tp = tracepoint.bpf.c, tpct_broken = broken.bpf.c). */
final class TestPlans {
    static final TemplateRef TP = new TemplateRef("tpct_tp", "");
    static final TemplateRef BROKEN = new TemplateRef("tpct_broken", "");
    static final int MAGIC = 0x7e57;

    private TestPlans() {
    }

    static SessionOptions options() {
        return SessionOptions.of(TestPlans::object);
    }

    static byte[] object(TemplateRef ref) throws IOException {
        return switch (ref.name()) {
            case "tpct_tp" -> BpfTestSupport.testObject("tracepoint");
            case "tpct_broken" -> BpfTestSupport.testObject("broken");
            case "tpct_garbage" -> "this is not an ELF file".getBytes();
            default -> throw new IOException("no test template " + ref);
        };
    }

    static byte[] u32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    static byte[] u64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    /** Inner map tpct_outer[0] = {key -> value}, sized for one entry. */
    static MapContent inner(int outerKey, int key, long value) {
        return new MapContent.InnerMap("tpct_outer", Bytes.of(u32(outerKey)), "tpct_inner", 1,
                List.of(MapEntry.of(u32(key), u64(value))));
    }

    static MapContent config(long value) {
        return new MapContent.Entries("tpct_config", List.of(MapEntry.of(u32(0), u64(value))));
    }

    /** The exec tracepoint program with every kind of input: .rodata, a plain map, an inner map. */
    static ProgramPlan execTracepoint(String id, String category, String event, List<MapContent> maps) {
        return new ProgramPlan(id, TP, "tpct_on_exec", new Attach.Tracepoint(category, event), Set.of("tpct_on_exec"),
                Map.of("magic", Bytes.of(u32(MAGIC)), "bias", Bytes.of(u64(0))), Map.of(), maps);
    }

    /** The raw tracepoint program, loaded but not attached, for test runs. */
    static ProgramPlan rawTestRun(String id, long bias, List<MapContent> maps) {
        return new ProgramPlan(id, TP, "tpct_sys_enter", new Attach.None(), Set.of("tpct_sys_enter"),
                Map.of("magic", Bytes.of(u32(MAGIC)), "bias", Bytes.of(u64(bias))), Map.of(), maps);
    }

    static LoadPlan plan(ProgramPlan... programs) {
        boolean events = List.of(programs).stream().anyMatch(p -> p.program().equals("tpct_on_exec"));
        return new LoadPlan("test-policy", List.of(programs), Set.of("tpct_events"), events ? "tpct_events" : null);
    }
}
