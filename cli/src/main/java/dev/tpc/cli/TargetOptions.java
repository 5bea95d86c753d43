package dev.tpc.cli;

import dev.tpc.target.Arch;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** --target and --arch, shared by the verbs that judge policies for kernels. */
final class TargetOptions {
    @Option(names = {"-t", "--target"}, paramLabel = "TARGET", split = ",",
            description = "Target kernels: profile names (5.10, 6.1, 6.12, 7.2) or profile files as printed by `tpc probe`. "
                    + "Comma-separated or repeated. Default: every named profile.")
    List<String> targets = new ArrayList<>();

    @Option(names = "--arch", paramLabel = "ARCH", defaultValue = "x86_64",
            description = "Architecture: x86_64 or arm64. Default: ${DEFAULT-VALUE}.")
    String arch;

    List<String> targets() {
        return targets.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    Arch arch(CommandLine.Model.CommandSpec spec) {
        return Arch.parse(arch).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                "unknown --arch '" + arch + "'; use x86_64 or arm64"));
    }
}
