package dev.tpc.cli.runtime;

import dev.tpc.cli.spi.WriteFailures;
import dev.tpc.runtime.TpcRuntime;
import dev.tpc.runtime.host.HostName;
import dev.tpc.runtime.libbpf.LibbpfUnavailableException;
import dev.tpc.runtime.libbpf.Native;
import dev.tpc.runtime.probe.Doctor;
import dev.tpc.runtime.sys.Privileges;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The bodies of the verbs that need the runtime (doctor, probe, and the checks before run). The
 * command classes reach runtime classes only through here, from inside {@code call()}, so that
 * {@code check}, {@code compile}, {@code explain} and {@code rules} never load them.
 */
final class RuntimeVerbs {
    private RuntimeVerbs() {
    }

    static int doctor(PrintWriter out) {
        List<Doctor.Finding> findings = TpcRuntime.doctor();
        out.print(Doctor.render(findings));
        boolean missing = findings.stream().anyMatch(f -> f.status() == Doctor.Status.MISSING);
        out.println(missing ? "tpc doctor: something needed to run is missing (see above)"
                : "tpc doctor: everything tpc run and tpc probe need is here");
        out.flush();
        return missing ? 1 : 0;
    }

    static int probe(String name, Path output, PrintWriter out, PrintWriter err) {
        Optional<String> why = whyNotRunnable();
        if (why.isPresent()) {
            err.println("tpc probe: " + why.get());
            err.flush();
            return 1;
        }
        String profile;
        try {
            profile = TpcRuntime.probeAsProfile(name == null || name.isBlank() ? HostName.get() : name);
        } catch (LibbpfUnavailableException e) {
            err.println("tpc probe: " + e.getMessage());
            err.flush();
            return 1;
        }
        if (output == null) {
            out.print(profile);
            out.flush();
            return 0;
        }
        try {
            Files.writeString(output, profile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("tpc probe: cannot write " + output + ": " + WriteFailures.why(e));
            err.flush();
            return 2; // as tpc check answers an output file it cannot write
        }
        return 0;
    }

    /**
     * Why BPF programs cannot be loaded from this process (platform, privileges, libbpf), in one
     * sentence with the fix; empty when they can.
     */
    static Optional<String> whyNotRunnable() {
        String os = System.getProperty("os.name", "");
        if (!os.toLowerCase(Locale.ROOT).contains("linux")) {
            return Optional.of("loading BPF programs needs Linux; this is " + os + " (check, compile and explain work here)");
        }
        if (!Privileges.mayLoadBpf()) {
            return Optional.of("not privileged: loading BPF programs needs root, or CAP_BPF and CAP_PERFMON"
                    + " (and CAP_SYS_ADMIN to mount tracefs); run with sudo, or see `tpc doctor`");
        }
        try {
            Native.get();
        } catch (LibbpfUnavailableException e) {
            return Optional.of(e.getMessage());
        }
        return Optional.empty();
    }

    /** {@link #whyNotRunnable()}, and for tpc run (not tpc probe, whose programs read no kernel memory) the lockdown. */
    static Optional<String> whyCannotRun() {
        Optional<String> why = whyNotRunnable();
        return why.isPresent() ? why : lockdownRefusal(Privileges.lockdown());
    }

    /**
     * Under lockdown=confidentiality the kernel offers BPF programs no helper to read kernel memory,
     * which every tpc template uses: said here rather than as the verifier's "unknown func".
     */
    static Optional<String> lockdownRefusal(Optional<String> lockdownMode) {
        if (lockdownMode.filter("confidentiality"::equals).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("the kernel is locked down (confidentiality): BPF programs may not read kernel memory, which tpc's"
                + " programs need; boot without lockdown=confidentiality (Secure Boot may set it), see `tpc doctor`");
    }
}
