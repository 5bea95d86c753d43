package dev.tpc.runtime.session;

import static dev.tpc.runtime.session.TestPlans.config;
import static dev.tpc.runtime.session.TestPlans.inner;
import static dev.tpc.runtime.session.TestPlans.plan;
import static dev.tpc.runtime.session.TestPlans.rawTestRun;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tpc.runtime.libbpf.BpfProgram;
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
