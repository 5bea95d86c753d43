package dev.tpc.cli.runtime;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Print the running kernel as a target profile, for --target.", "",
                "Every feature is found by loading and attaching small BPF programs, not by reading the version. "
                        + "The output is a profile file that --target accepts:",
                "  tpc probe -o node.yaml && tpc check --target node.yaml policies/",
                "Needs root (or CAP_BPF+CAP_PERFMON) and libbpf.so.1."},
        footer = {"", "Exit status: 0 printed, 1 this machine cannot be probed (see tpc doctor), 2 usage error "
                + "(also an output file that cannot be written)."})
final class ProbeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--name", paramLabel = "NAME",
            description = "The profile's name, as diagnostics will show it. Default: this host's name.")
    String name;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the profile to FILE instead of standard output.")
    Path output;

    @Option(names = "--check", description = "Do not probe; say what is missing to run instead (same as tpc doctor).")
    boolean check;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        if (check) {
            return RuntimeVerbs.doctor(out);
        }
        return RuntimeVerbs.probe(name, output, out, err);
    }
}
