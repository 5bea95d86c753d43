package dev.tpc.runtime.templates;

import static dev.tpc.runtime.templates.FilterBlob.filter;
import static dev.tpc.runtime.templates.FilterBlob.selector;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tpc.abi.TemplateAbi.TgAction;
import dev.tpc.abi.TemplateAbi.TgArgType;
import dev.tpc.abi.TemplateAbi.TgOp;
import dev.tpc.abi.TemplateAbi.TgPolicyMode;
import dev.tpc.abi.TemplateAbi.Verdict;
import dev.tpc.runtime.libbpf.Native;
import dev.tpc.runtime.probe.HostTgid;
import dev.tpc.runtime.testing.BpfTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The templates never perform Sigkill or Signal on the runtime's own process
 * ({@code tpc_cfg.self_tgid}): they report the action with {@code TPC_VERDICT_SELF} instead.
 * BPF_PROG_TEST_RUN runs the program in the calling task, so the test JVM is "the runtime" here.
 */
class SelfProtectionTest {

    private static final int SIGURG = 23; // ignored by default: a delivered one leaves the JVM alone
    private static final List<int[]> ANY = List.of(filter(0, TgOp.EQ, TgArgType.S32, 1));

    private static int run(RawTpTemplate t, int... actions) throws Exception {
        t.eventConfig(TgArgType.S32);
        t.blob(FilterBlob.of(selector(ANY, actions)));
        return t.run(1) & ~Verdict.PROC_NOT_FOUND;
    }

    @Test
    void hostTgidIsThisProcessAsTheKernelNumbersIt() throws Exception {
        Native n = BpfTestSupport.requireBpf();
        String nspid = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("NSpid:")).findFirst().orElse("NSpid:");
        int tgid = HostTgid.of(n);
        if (nspid.trim().split("\\s+").length == 2) {
            assertEquals(ProcessHandle.current().pid(), tgid, "outside a pid namespace the two agree: " + nspid);
        }
        assertEquals(tgid, HostTgid.of(n), "stable");
    }

    @Test
    void enforcementOnTheRuntimeItselfIsOnlyReported() throws Exception {
        Native n = BpfTestSupport.requireBpf();
        int self = HostTgid.of(n);
        try (RawTpTemplate t = RawTpTemplate.loadWithEverything(n, self)) {
            t.policyMode(TgPolicyMode.ENFORCE);
            // if this were performed the test JVM would die here
            assertEquals(1 | Verdict.POSTED | Verdict.SELF, run(t, TgAction.SIGKILL));
            assertEquals(1 | Verdict.POSTED | Verdict.SELF, run(t, TgAction.SIGNAL, SIGURG));
            assertEquals(1 | Verdict.POSTED | Verdict.SELF, run(t, TgAction.OVERRIDE, -1));
            // NoPost still suppresses the event; the hold-back is still reported in the verdict
            assertEquals(1 | Verdict.NOPOST | Verdict.SELF, run(t, TgAction.SIGKILL, TgAction.NOPOST));
            // monitor mode wins: the action is held back for that reason
            t.policyMode(TgPolicyMode.MONITOR);
            assertEquals(1 | Verdict.POSTED | Verdict.MONITORED, run(t, TgAction.SIGNAL, SIGURG));
        }
    }

    @Test
    void anotherProcessIsNotProtected() throws Exception {
        Native n = BpfTestSupport.requireBpf();
        int other = HostTgid.of(n) + 1;
        try (RawTpTemplate t = RawTpTemplate.loadWithEverything(n, other)) {
            t.policyMode(TgPolicyMode.ENFORCE);
            assertEquals(1 | Verdict.POSTED | Verdict.SIGNALED, run(t, TgAction.SIGNAL, SIGURG));
        }
        try (RawTpTemplate t = RawTpTemplate.loadWithEverything(n, 0)) {
            t.policyMode(TgPolicyMode.ENFORCE);
            assertEquals(1 | Verdict.POSTED | Verdict.SIGNALED, run(t, TgAction.SIGNAL, SIGURG), "self_tgid 0 protects nothing");
        }
    }
}
