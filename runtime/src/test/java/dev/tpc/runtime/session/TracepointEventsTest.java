package dev.tpc.runtime.session;

import static dev.tpc.runtime.session.TestPlans.config;
import static dev.tpc.runtime.session.TestPlans.execTracepoint;
import static dev.tpc.runtime.session.TestPlans.inner;
import static dev.tpc.runtime.session.TestPlans.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.runtime.testing.BpfTestSupport;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A tracepoint program attached by a session sees a child process exec and reports it through the ring buffer. */
class TracepointEventsTest {

    /** struct test_record of src/test/bpf/records.h. */
    record TestRecord(int magic, int pid, long config, long inner, String comm) {
        static TestRecord parse(byte[] raw) {
            ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            byte[] comm = new byte[16];
            b.get(24, comm);
            int len = 0;
            while (len < comm.length && comm[len] != 0) {
                len++;
            }
            return new TestRecord(b.getInt(0), b.getInt(4), b.getLong(8), b.getLong(16),
                    new String(comm, 0, len, StandardCharsets.UTF_8));
        }
    }

    @Test
    void childExecArrivesWithPlanValues() throws Exception {
        BpfTestSupport.requireBpf();
        List<TestRecord> records = new ArrayList<>();
        var plan = plan(execTracepoint("exec", "sched", "sched_process_exec", List.of(config(1234), inner(0, 42, 99))));
        try (Session s = Session.start(plan, TestPlans.options(), raw -> records.add(TestRecord.parse(raw)))) {
            Process child = new ProcessBuilder("/bin/true").start();
            long pid = child.pid();
            child.waitFor();
            Optional<TestRecord> mine = Optional.empty();
            for (int polls = 0; polls < 50 && mine.isEmpty(); polls++) {
                s.poll(Duration.ofMillis(100));
                // the JDK execs jspawnhelper first, then /bin/true, in the same process
                mine = records.stream().filter(r -> r.pid() == pid && r.comm().equals("true")).findFirst();
            }
            assertTrue(mine.isPresent(), "no record for child " + pid + " among " + records);
            TestRecord r = mine.get();
            assertEquals(TestPlans.MAGIC, r.magic(), ".rodata value");
            assertEquals(1234, r.config(), "plain map entry");
            assertEquals(99, r.inner(), "inner map entry");
            assertTrue(s.recordsReceived() >= 1);
            long execs = s.perCpuCounter("tpct_counters", 0).orElseThrow();
            assertTrue(execs >= records.size(), "per-CPU counter summed over CPUs: " + execs + " execs, " + records.size() + " records");
            assertEquals(0L, s.perCpuCounter("tpct_counters", 1).orElseThrow(), "nothing lost");
            assertTrue(s.perCpuCounter("no_such_map", 0).isEmpty());
        }
    }

    /** A consumer that fails (even with an Error) fails the poll that called it, not native code; the session goes on. */
    @Test
    void aFailingConsumerFailsItsPollAndTheSessionGoesOn() throws Exception {
        BpfTestSupport.requireBpf();
        List<byte[]> records = new ArrayList<>();
        boolean[] fail = {true};
        var plan = plan(execTracepoint("exec", "sched", "sched_process_exec", List.of()));
        try (Session s = Session.start(plan, TestPlans.options(), raw -> {
            if (fail[0]) {
                throw new AssertionError("consumer failed");
            }
            records.add(raw);
        })) {
            new ProcessBuilder("/bin/true").start().waitFor();
            AssertionError thrown = null;
            for (int polls = 0; polls < 50 && thrown == null; polls++) {
                try {
                    s.poll(Duration.ofMillis(100));
                } catch (AssertionError e) {
                    thrown = e;
                }
            }
            assertEquals("consumer failed", thrown == null ? null : thrown.getMessage(), "the consumer's failure reaches the poll");
            fail[0] = false;
            new ProcessBuilder("/bin/true").start().waitFor();
            for (int polls = 0; polls < 50 && records.isEmpty(); polls++) {
                s.poll(Duration.ofMillis(100));
            }
            assertFalse(records.isEmpty(), "records still arrive after the failed poll");
        }
    }

    @Test
    void closedSessionStopsDelivering() throws Exception {
        BpfTestSupport.requireBpf();
        List<byte[]> records = new ArrayList<>();
        var plan = plan(execTracepoint("exec", "sched", "sched_process_exec", List.of()));
        Session s = Session.start(plan, TestPlans.options(), records::add);
        s.close();
        new ProcessBuilder("/bin/true").start().waitFor();
        assertEquals(0, s.poll(Duration.ofMillis(10)));
        assertFalse(s.attachPoint("exec").orElseThrow().links().get(0).isOpen());
        assertTrue(records.isEmpty());
    }
}
