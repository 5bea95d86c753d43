package dev.tpc.runtime.probe;

import dev.tpc.testing.Skip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.runtime.sys.Mounts;
import dev.tpc.runtime.sys.Privileges;
import dev.tpc.runtime.testing.BpfTestSupport;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The doctor's verdicts agree with what the machine shows. */
class DoctorTest {

    @Test
    void verdictsMatchTheMachine() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            BpfTestSupport.skip(Skip.Kind.ENVIRONMENT, "doctor checks Linux machines");
        }
        List<Doctor.Finding> findings = Doctor.examine();
        System.out.print(Doctor.render(findings));
        Map<String, Doctor.Finding> byCheck = findings.stream().collect(Collectors.toMap(Doctor.Finding::check, f -> f));
        boolean privileged = Privileges.has(Privileges.effectiveCapabilities(), Privileges.CAP_SYS_ADMIN)
                || (Privileges.has(Privileges.effectiveCapabilities(), Privileges.CAP_BPF)
                        && Privileges.has(Privileges.effectiveCapabilities(), Privileges.CAP_PERFMON));
        assertEquals(privileged ? Doctor.Status.OK : Doctor.Status.MISSING, byCheck.get("privileges").status());
        assertEquals(java.nio.file.Files.exists(java.nio.file.Path.of("/sys/kernel/btf/vmlinux")),
                byCheck.get("BTF").status() == Doctor.Status.OK);
        if (byCheck.get("tracefs").status() == Doctor.Status.OK) {
            assertTrue(Mounts.fsTypeAt(Mounts.TRACEFS).orElse("").equals("tracefs")
                    || Mounts.fsTypeAt(Mounts.DEBUGFS_TRACING).orElse("").equals("tracefs"));
        }
        for (Doctor.Finding f : findings) {
            if (f.status() == Doctor.Status.MISSING) {
                assertTrue(!f.fix().isEmpty(), "a missing item says how to fix it: " + f);
            }
        }
    }
}
