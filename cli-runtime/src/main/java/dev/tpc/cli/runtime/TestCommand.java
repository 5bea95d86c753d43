package dev.tpc.cli.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run scenarios (.tps files) against their policies on the running kernel.", "",
                "Each scenario's policies are compiled for this kernel, loaded scoped to a cgroup of the scenario's own "
                        + "(so that they can only ever act on its workload), its steps run one after another, and its "
                        + "expectations are held against the events, kills and call results that came. A scenario whose "
                        + "policies need what this kernel lacks (kprobes, BPF LSM, ...) is reported skipped with the reason.",
                "Needs root (or CAP_BPF+CAP_PERFMON) and libbpf.so.1; see tpc doctor. The language: docs/scenarios.md."},
        footer = {"", "Exit status: 0 every scenario passed or was skipped; 1 a scenario failed, a scenario file has errors, "
                + "the selector coverage is below --min-selector-coverage, or tpc cannot run here; 2 usage error; "
                + "3 internal error."})
final class TestCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "SCENARIO_OR_DIR", arity = "1..*",
            description = "Scenario files (.tps) or directories searched for them.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Report format: text, json, junit. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path output;

    @Option(names = "--filter", paramLabel = "NAME_GLOB",
            description = "Run only the scenarios whose name matches this glob (e.g. '*shadow*').")
    String filter;

    @Option(names = "--keep-going", description = "Run every scenario even after one failed (otherwise the rest are "
            + "reported as not run).")
    boolean keepGoing;

    @Option(names = "--verbose", description = "Show every step and every event in the text report, not only failures.")
    boolean verbose;

    @Option(names = "--min-selector-coverage", paramLabel = "PERCENT",
            description = "Fail when fewer than PERCENT of the policies' selectors matched at least once over the run.")
    Double minCoverage;

    @Option(names = "--step-timeout", paramLabel = "DURATION",
            description = "How long a step may take when its scenario says nothing (within): 10s, 1m, 500ms. Default: 10s.")
    String stepTimeout;

    @Override
    public Integer call() {
        TestVerb.Format fmt = switch (format) {
            case "text" -> TestVerb.Format.TEXT;
            case "json" -> TestVerb.Format.JSON;
            case "junit" -> TestVerb.Format.JUNIT;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "unknown --format '" + format + "'; use text, json or junit");
        };
        if (minCoverage != null && (minCoverage < 0 || minCoverage > 100)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--min-selector-coverage takes a percentage"
                    + " from 0 to 100, not " + minCoverage);
        }
        Duration timeout = null;
        if (stepTimeout != null) {
            timeout = Durations.parse(stepTimeout).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                    "cannot read --step-timeout '" + stepTimeout + "'; use e.g. 10s, 1m or 500ms"));
        }
        return TestVerb.run(new TestVerb.Request(inputs, fmt, output, filter, keepGoing, verbose, minCoverage, timeout),
                spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
