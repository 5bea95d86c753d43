package dev.tpc.runtime.session;

import static dev.tpc.runtime.session.TestPlans.config;
import static dev.tpc.runtime.session.TestPlans.execTracepoint;
import static dev.tpc.runtime.session.TestPlans.inner;
import static dev.tpc.runtime.session.TestPlans.plan;
import static dev.tpc.runtime.session.TestPlans.u32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.runtime.plan.Attach;
import dev.tpc.runtime.plan.Bytes;
import dev.tpc.runtime.plan.LoadPlan;
import dev.tpc.runtime.plan.MapContent;
import dev.tpc.runtime.plan.MapEntry;
import dev.tpc.runtime.plan.ProgramPlan;
import dev.tpc.runtime.plan.TemplateRef;
import dev.tpc.runtime.session.LoadFailure.Step;
import dev.tpc.runtime.testing.BpfTestSupport;
import dev.tpc.runtime.testing.KernelObjects;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each step of loading fails once, after the earlier steps created kernel objects; afterwards this
 * process holds no BPF fd it did not hold before, and bpftool lists no program, map or link that
 * the attempt created.
 */
class FailedLoadLeavesNothingTest {
    private Set<String> fdsBefore;
    private Set<Long> idsBefore;

    @BeforeEach
    void snapshot() throws Exception {
        BpfTestSupport.requireBpf();
        BpfTestSupport.testObject("tracepoint");
        if (!KernelObjects.bpftoolAvailable()) {
            BpfTestSupport.skip("bpftool not installed: cannot list the kernel's BPF objects");
        }
        fdsBefore = KernelObjects.heldByThisProcess();
        idsBefore = KernelObjects.listed().stream().map(l -> l.id() * 4 + l.kind().length()).collect(Collectors.toSet());
    }

    private LoadFailure failingLoad(LoadPlan plan) {
        return assertThrows(LoadFailure.class, () -> Session.start(plan, TestPlans.options(), r -> { }));
    }

    /** Retries briefly: the kernel frees inner maps of a freed outer map from a work queue. */
    private void assertNothingLeft() throws Exception {
        assertEquals(fdsBefore, KernelObjects.heldByThisProcess(), "BPF fds held by this process");
        List<KernelObjects.Listed> left = List.of();
        for (int attempt = 0; attempt < 40; attempt++) {
            left = KernelObjects.listed().stream()
                    .filter(l -> !idsBefore.contains(l.id() * 4 + l.kind().length()))
                    .filter(l -> l.name().startsWith("tpct") || l.kind().equals("link"))
                    .toList();
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(50);
        }
        assertEquals(List.of(), left, "objects created by the failed attempt still listed by bpftool");
    }

    @Test
    void unreadableObject() throws Exception {
        ProgramPlan p = new ProgramPlan("garbage", new TemplateRef("tpct_garbage", ""), "x",
                new Attach.RawTracepoint("sys_enter"), Set.of(), Map.of(), Map.of(), List.of());
        LoadFailure f = failingLoad(plan(p));
        assertEquals(Step.OPEN, f.step());
        assertNothingLeft();
    }

    @Test
    void verifierRefusalAfterMapsWereCreated() throws Exception {
        ProgramPlan first = execTracepoint("exec", "sched", "sched_process_exec", List.of(config(1), inner(0, 42, 7)));
        ProgramPlan broken = new ProgramPlan("broken", TestPlans.BROKEN, "tpct_fine", new Attach.RawTracepoint("sys_enter"),
                Set.of(), Map.of(), Map.of(), List.of());
        LoadFailure f = failingLoad(plan(first, broken));
        assertEquals(Step.LOAD, f.step());
        assertEquals("broken", f.attachPoint());
        assertTrue(f.verifierLog().contains("map_value_or_null"), f.verifierLog());
        assertNothingLeft();
    }

    @Test
    void unknownRodataVariable() throws Exception {
        ProgramPlan p = new ProgramPlan("exec", TestPlans.TP, "tpct_on_exec", new Attach.Tracepoint("sched", "sched_process_exec"),
                Set.of("tpct_on_exec"), Map.of("no_such_variable", Bytes.of(u32(1))), Map.of(), List.of());
        LoadFailure f = failingLoad(plan(p));
        assertEquals(Step.SPECIALISE, f.step());
        assertTrue(f.getMessage().contains("no_such_variable"), f.getMessage());
        assertNothingLeft();
    }

    @Test
    void innerMapThatDoesNotFitItsOuterMap() throws Exception {
        // the inner map is created and filled, then refused by the 2-entry outer map at key 5
        ProgramPlan p = execTracepoint("exec", "sched", "sched_process_exec", List.of(config(1), inner(5, 42, 7)));
        LoadFailure f = failingLoad(plan(p));
        assertEquals(Step.FILL, f.step());
        assertNothingLeft();
    }

    @Test
    void entryOfTheWrongSize() throws Exception {
        ProgramPlan p = execTracepoint("exec", "sched", "sched_process_exec",
                List.of(new MapContent.Entries("tpct_config", List.of(MapEntry.of(u32(0), u32(1))))));
        LoadFailure f = failingLoad(plan(p));
        assertEquals(Step.FILL, f.step());
        assertTrue(f.getMessage().contains("8-byte values"), f.getMessage());
        assertNothingLeft();
    }

    @Test
    void secondAttachPointFailsToAttachAfterTheFirstAttached() throws Exception {
        ProgramPlan good = execTracepoint("exec", "sched", "sched_process_exec", List.of(config(1), inner(0, 42, 7)));
        ProgramPlan bad = execTracepoint("nowhere", "sched", "no_such_tracepoint_tpc", List.of());
        LoadFailure f = failingLoad(plan(good, bad));
        assertEquals(Step.ATTACH, f.step());
        assertEquals("nowhere", f.attachPoint());
        assertNothingLeft();
    }

    @Test
    void successfulSessionAlsoLeavesNothingWhenClosed() throws Exception {
        ProgramPlan good = execTracepoint("exec", "sched", "sched_process_exec", List.of(config(1), inner(0, 42, 7)));
        try (Session s = Session.start(plan(good), TestPlans.options(), r -> { })) {
            assertTrue(s.attachPoint("exec").orElseThrow().links().get(0).isOpen());
            assertTrue(KernelObjects.heldByThisProcess().size() > fdsBefore.size());
        }
        assertNothingLeft();
    }
}
