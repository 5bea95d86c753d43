package dev.tpc.runtime.session;

import static dev.tpc.runtime.session.TestPlans.config;
import static dev.tpc.runtime.session.TestPlans.inner;
import static dev.tpc.runtime.session.TestPlans.plan;
import static dev.tpc.runtime.session.TestPlans.rawTestRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.runtime.libbpf.BpfProgram;
import dev.tpc.runtime.plan.Bytes;
import dev.tpc.runtime.plan.NodeFact;
import dev.tpc.runtime.plan.NodePatch;
import dev.tpc.runtime.plan.ProgramPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import dev.tpc.runtime.sys.NodeFacts;
import org.junit.jupiter.api.io.TempDir;
import dev.tpc.runtime.testing.BpfTestSupport;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BPF_PROG_TEST_RUN on a raw tracepoint program loaded through a plan: each plan input changes the result. */
class TestRunTest {

    private static byte[] rawTracepointArgs(long regs, long syscallNr) {
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(regs).putLong(syscallNr).array();
    }

    private static ProgramPlan withPidNsBias() {
        ProgramPlan base = rawTestRun("raw", 0, List.of());
        Map<String, Bytes> rodata = new java.util.HashMap<>(base.rodata());
        rodata.put("bias", Bytes.of(TestPlans.u64(0), List.of(NodePatch.u32(0, NodeFact.HOST_PID_NS))));
        return new ProgramPlan("raw", base.template(), base.attach(), base.loadOnly(), rodata, base.mapSizes(), base.maps(), null);
    }

    @Test
    void nodePatchesFillTheHostNamespaceIntoRodata(@TempDir Path proc) throws Exception {
        BpfTestSupport.requireBpf();
        Files.createDirectories(proc.resolve("1/ns"));
        Files.createSymbolicLink(proc.resolve("1/ns/pid"), Path.of("pid:[4026531836]"));
        SessionOptions options = new SessionOptions(TestPlans::object, new NodeFacts(proc), true);
        try (Session s = Session.start(plan(withPidNsBias()), options, null)) {
            BpfProgram prog = s.attachPoint("raw").orElseThrow().program();
            assertEquals((int) (TestPlans.MAGIC + 4026531836L), prog.testRun(rawTracepointArgs(0, 1), null, 0).retval());
        }
    }

    /** On the host: the inode of PID 1's namespace, or, where PID 1 cannot be inspected, a failure that says so. */
    @Test
    void hostNamespaceOrAClearRefusal() throws Exception {
        BpfTestSupport.requireBpf();
        long inode;
        try {
            inode = Long.parseLong(Files.readSymbolicLink(Path.of("/proc/1/ns/pid")).toString().replaceAll("\\D", ""));
        } catch (java.io.IOException unreadable) {
            LoadFailure f = assertThrows(LoadFailure.class, () -> Session.start(plan(withPidNsBias()), TestPlans.options(), null));
            assertEquals(LoadFailure.Step.SPECIALISE, f.step());
            assertTrue(f.getMessage().contains("/proc/1/ns/pid"), f.getMessage());
            return;
        }
        try (Session s = Session.start(plan(withPidNsBias()), TestPlans.options(), null)) {
            BpfProgram prog = s.attachPoint("raw").orElseThrow().program();
            assertEquals((int) (TestPlans.MAGIC + inode), prog.testRun(rawTracepointArgs(0, 1), null, 0).retval());
        }
    }

    @Test
    void rawTracepointTestRunSeesRodataMapsAndContext() throws Exception {
        BpfTestSupport.requireBpf();
        var plan = plan(rawTestRun("raw", 100, List.of(config(20), inner(0, 39, 3))));
        try (Session s = Session.start(plan, TestPlans.options(), null)) {
            BpfProgram prog = s.attachPoint("raw").orElseThrow().program();
            int base = TestPlans.MAGIC + 100 + 20;
            assertEquals(base + 3, prog.testRun(rawTracepointArgs(0, 39), null, 0).retval(), "syscall 39 is in the inner map");
            assertEquals(base, prog.testRun(rawTracepointArgs(0, 40), null, 0).retval(), "syscall 40 is not");
        }
    }
}
