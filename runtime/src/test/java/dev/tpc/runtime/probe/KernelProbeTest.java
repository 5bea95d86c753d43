package dev.tpc.runtime.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.runtime.libbpf.Native;
import dev.tpc.runtime.sys.Mounts;
import dev.tpc.runtime.testing.BpfTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The probe on this machine. Facts every kernel tpc supports must have are asserted; facts that
 * differ between kernels are checked against what the kernel shows elsewhere (securityfs, the
 * kprobe PMU), never against a fixed answer.
 */
class KernelProbeTest {
    private static ProbeReport report;

    @BeforeAll
    static void probe() {
        Native n = BpfTestSupport.requireBpf();
        report = KernelProbe.run(n);
        System.out.println(ProfileWriter.write(report, "this-host"));
    }

    private static ProbeResult.Value value(String key) {
        return report.result(key).orElseThrow(() -> new AssertionError("no result for " + key)).value();
    }

    @Test
    void basicsEveryBpfKernelHas() {
        assertEquals(ProbeResult.Value.YES, value("tracepoint_attach"), report.result("tracepoint_attach").toString());
        assertEquals(ProbeResult.Value.YES, value("raw_tracepoint_attach"), report.result("raw_tracepoint_attach").toString());
        assertEquals(ProbeResult.Value.YES, value("ring_buffer"), report.result("ring_buffer").toString());
        assertEquals(ProbeResult.Value.YES, value("signal_helper"), report.result("signal_helper").toString());
        assertEquals(ProbeResult.Value.YES, value("large_programs"), report.result("large_programs").toString());
    }

    @Test
    void lsmAgreesWithSecurityfs() throws Exception {
        Path lsm = Mounts.SECURITYFS.resolve("lsm");
        boolean bpfActive = Files.exists(lsm) && List.of(Files.readString(lsm).strip().split(",")).contains("bpf");
        if (!bpfActive) {
            assertEquals(ProbeResult.Value.NO, value("bpf_lsm"), report.result("bpf_lsm").toString());
        } else {
            assertTrue(report.result("bpf_lsm").orElseThrow().evidence().contains("bpf"));
        }
    }

    @Test
    void kprobesAgreeWithTheKernelsEventSources() {
        boolean pmu = Files.exists(Path.of("/sys/bus/event_source/devices/kprobe/type"));
        if (!pmu) {
            assertEquals(ProbeResult.Value.NO, value("kprobe_attach"), report.result("kprobe_attach").toString());
            // without kprobes there is no ftrace-based attachment either on this kernel's config
        } else {
            assertEquals(ProbeResult.Value.YES, value("kprobe_attach"), report.result("kprobe_attach").toString());
        }
    }

    @Test
    void everyFactSaysHowItIsKnown() {
        for (ProbeResult r : report.results()) {
            assertTrue(!r.evidence().isBlank(), r.toString());
            assertTrue(List.of("probed", "config", "version", "unmeasured").contains(r.basis()), r.toString());
            assertEquals(r.basis().equals("unmeasured"), r.value() == ProbeResult.Value.UNKNOWN, r.toString());
        }
    }
}
