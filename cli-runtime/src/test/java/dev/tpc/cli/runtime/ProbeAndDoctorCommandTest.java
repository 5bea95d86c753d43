package dev.tpc.cli.runtime;

import dev.tpc.testing.Skip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.cli.InProcess;
import dev.tpc.target.Arch;
import dev.tpc.target.TargetProfile;
import dev.tpc.target.TargetResolution;
import dev.tpc.target.TargetResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tpc probe writes a profile that --target reads back without a finding; tpc doctor's exit status follows its verdicts. */
class ProbeAndDoctorCommandTest {

    private static boolean privileged() {
        return System.getProperty("os.name", "").toLowerCase().contains("linux")
                && dev.tpc.runtime.sys.Privileges.mayLoadBpf();
    }

    private static void requirePrivileges() {
        if (!privileged()) {
            Skip.because(Skip.Kind.ROOT, "tpc probe needs Linux and root (or CAP_BPF+CAP_PERFMON)");
        }
    }

    @Test
    void probedProfileReadsBackCleanly(@TempDir Path dir) throws Exception {
        requirePrivileges();
        Path file = dir.resolve("node.yaml");
        InProcess.Run r = InProcess.run("probe", "--name", "cli-probed", "-o", file.toString());
        assertEquals(0, r.exit(), r.err());
        TargetResolution res = new TargetResolver(dir).resolve("node.yaml", Arch.X86_64);
        assertEquals(List.of(), res.diagnostics(), Files.readString(file));
        TargetProfile p = res.targets().orElseThrow().profiles().get(0);
        assertEquals("cli-probed", p.name());
        String release = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        assertTrue(release.startsWith(p.kernel().major() + "." + p.kernel().minor() + "."), p.kernel() + " vs " + release);

        InProcess.Run toStdout = InProcess.run("probe", "--name", "cli-probed");
        assertEquals(0, toStdout.exit(), toStdout.err());
        assertTrue(toStdout.out().contains("name: \"cli-probed\""), toStdout.out());
        // and a check with it as the target works
        Path policy = Files.writeString(dir.resolve("p.yaml"), """
                apiVersion: cilium.io/v1alpha1
                kind: TracingPolicy
                metadata:
                  name: with-probed-target
                spec:
                  tracepoints:
                  - subsystem: "syscalls"
                    event: "sys_enter_lseek"
                """);
        InProcess.Run check = InProcess.run("check", "--target", file.toString(), policy.toString());
        assertEquals(0, check.exit(), check.out() + check.err());
        assertTrue(check.out().contains("accepted on cli-probed"), check.out());
    }

    @Test
    void anOutputFileThatCannotBeWrittenIsAUsageMistakeAsForCheck(@TempDir Path dir) {
        requirePrivileges();
        Path file = dir.resolve("no-such-folder").resolve("node.yaml");
        InProcess.Run r = InProcess.run("probe", "-o", file.toString());
        assertEquals(2, r.exit(), r.err());
        assertEquals("tpc probe: cannot write " + file + ": its folder does not exist", r.err().strip());
    }

    @Test
    void probeWithoutPrivilegesSaysWhy() {
        if (privileged()) {
            Skip.because(Skip.Kind.ENVIRONMENT, "privileged here; the unprivileged message is checked by RunCommandTest through setpriv");
        }
        InProcess.Run r = InProcess.run("probe");
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("tpc probe: "), r.err());
        assertTrue(!r.err().contains("Exception"), r.err());
    }

    @Test
    void doctorExitsOneExactlyWhenSomethingIsMissing() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            Skip.because(Skip.Kind.ENVIRONMENT, "tpc doctor examines Linux machines");
        }
        InProcess.Run r = InProcess.run("doctor");
        boolean missing = r.out().lines().anyMatch(l -> l.startsWith("MISSING"));
        assertEquals(missing ? 1 : 0, r.exit(), r.out());
        for (String check : List.of("libbpf", "kernel", "privileges", "lockdown", "tracefs", "bpffs", "BTF")) {
            assertTrue(r.out().lines().anyMatch(l -> l.matches("(ok|warning|MISSING) +" + check + ": .*")), check + " in\n" + r.out());
        }
        InProcess.Run viaProbe = InProcess.run("probe", "--check");
        assertEquals(r.exit(), viaProbe.exit());
        assertEquals(r.out().lines().map(l -> l.split(":")[0]).toList(), viaProbe.out().lines().map(l -> l.split(":")[0]).toList());
    }
}
