package dev.tpc.maven;

import dev.tpc.runtime.libbpf.LibbpfUnavailableException;
import dev.tpc.runtime.libbpf.Native;
import dev.tpc.runtime.sys.Privileges;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether this build can load BPF programs into the running kernel, asked before the scenario
 * runner starts so that the goal can say why not in the words of a build ("needs root") rather
 * than with libbpf's EPERM from loading the exec tracker. The cheap questions come first: on
 * another OS, or without privileges, libbpf (and with it jnr-ffi's native code) is never loaded.
 *
 * <p>The scenario runner answers the same question only by failing ({@code RunnerUnavailableException}
 * from its first load); if it offered the answer up front, this class would go.
 */
final class HostPreconditions {
    private HostPreconditions() {
    }

    /** Why {@code goal} cannot run scenarios here, as a sentence with the way out; empty when it can. */
    static Optional<String> whyCannotRun(String goal) {
        String os = System.getProperty("os.name", "");
        if (!os.toLowerCase(Locale.ROOT).contains("linux")) {
            return Optional.of(goal + " needs Linux to load BPF programs, and this build runs on " + os
                    + " (tpc:check and tpc:compile work here)");
        }
        if (!Privileges.mayLoadBpf()) {
            return Optional.of(goal + " needs root to load BPF programs: this build runs without CAP_SYS_ADMIN (or CAP_BPF"
                    + " with CAP_PERFMON); run Maven as root, as CI runners usually do");
        }
        if (Privileges.lockdown().filter("confidentiality"::equals).isPresent()) {
            return Optional.of(goal + " cannot load BPF programs: the kernel is locked down (confidentiality), so BPF"
                    + " programs may not read kernel memory, which tpc's programs need; boot without"
                    + " lockdown=confidentiality (Secure Boot may set it)");
        }
        try {
            Native.get();
        } catch (LibbpfUnavailableException e) {
            return Optional.of(goal + " needs libbpf to load BPF programs: " + e.getMessage());
        }
        return Optional.empty();
    }
}
