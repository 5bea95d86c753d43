package dev.tpc.cli.runtime;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Say what this machine lacks to run tpc run and tpc probe, each with its fix.", "",
                "Checks root or CAP_BPF+CAP_PERFMON, lockdown, libbpf (libbpf.so.1), the kernel, tracefs and bpffs "
                        + "(mounted when absent) and BTF. Same as tpc probe --check."},
        footer = {"", "Exit status: 0 everything needed is there, 1 something is missing."})
final class DoctorCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return RuntimeVerbs.doctor(spec.commandLine().getOut());
    }
}
