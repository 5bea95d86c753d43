package dev.tpc.cli.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What tpc run and tpc probe say before they try to load anything. */
class RuntimeVerbsTest {
    @Test
    void confidentialityLockdownIsRefusedUpFrontWithTheFix() {
        // the verifier would otherwise refuse the first template with "unknown func bpf_probe_read_kernel"
        Optional<String> why = RuntimeVerbs.lockdownRefusal(Optional.of("confidentiality"));
        assertTrue(why.isPresent());
        assertTrue(why.get().startsWith("the kernel is locked down (confidentiality)"), why.get());
        assertTrue(why.get().contains("lockdown=confidentiality"), why.get());
    }

    @Test
    void otherLockdownModesDoNotStopARun() {
        assertEquals(Optional.empty(), RuntimeVerbs.lockdownRefusal(Optional.of("integrity")));
        assertEquals(Optional.empty(), RuntimeVerbs.lockdownRefusal(Optional.of("none")));
        assertEquals(Optional.empty(), RuntimeVerbs.lockdownRefusal(Optional.empty()));
    }
}
