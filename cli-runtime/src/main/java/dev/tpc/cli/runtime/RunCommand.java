package dev.tpc.cli.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Load policies into the running kernel and print their events until Ctrl-C (or --duration).", "",
                "Policy files are checked and compiled for this kernel first; bundles (.tpb) are verified and their "
                        + "target chosen. Once every hook of a policy is attached, one line goes to standard error:",
                "  tpc: attached N hooks of policy NAME",
                "Events go to standard output, one per line, as Tetragon's JSON export or its compact form. Sigkill and "
                        + "Signal actions are carried out by the kernel; tpc never signals itself.",
                "Needs root (or CAP_BPF+CAP_PERFMON) and libbpf.so.1; see tpc doctor."},
        footer = {"", "Exit status: 0 stopped by Ctrl-C, SIGTERM, --duration or a closed standard output; 1 cannot run here or the policies cannot "
                + "be loaded; 2 usage error (also an input that does not exist or an unknown target); 3 internal error."})
final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "POLICY_OR_BUNDLE", arity = "1..*",
            description = "Policy files (YAML), directories of policy files, or bundles (.tpb).")
    List<Path> inputs = new ArrayList<>();

    @Option(names = {"-t", "--target"}, paramLabel = "TARGET",
            description = "The target to compile for and to load from bundles: a profile name or a profile file (tpc probe "
                    + "writes one). Default: the running kernel, probed.")
    String target;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "json",
            description = "Event format: json (Tetragon's JSON export) or compact (like tetra getevents -o compact). "
                    + "Default: ${DEFAULT-VALUE}.")
    String output;

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "Stop after this long: 30s, 5m, 1h, 500ms, or an ISO-8601 duration (PT30S). Default: until Ctrl-C.")
    String duration;

    @Option(names = "--node-name", paramLabel = "NAME",
            description = "node_name of events and part of exec ids. Default: this host's name.")
    String nodeName;

    @Override
    public Integer call() {
        RunVerb.Format format = switch (output) {
            case "json" -> RunVerb.Format.JSON;
            case "compact" -> RunVerb.Format.COMPACT;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "unknown --output '" + output + "'; use json or compact");
        };
        java.time.Duration limit = null;
        if (duration != null) {
            limit = Durations.parse(duration).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                    "cannot read --duration '" + duration + "'; use e.g. 30s, 5m, 1h, 500ms or PT30S"));
        }
        return RunVerb.run(new RunVerb.Request(inputs, target, format, limit, nodeName), spec.commandLine().getErr());
    }
}
