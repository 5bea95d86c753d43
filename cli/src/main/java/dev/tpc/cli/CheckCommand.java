package dev.tpc.cli;

import dev.tpc.api.Baseline;
import dev.tpc.api.CheckReport;
import dev.tpc.api.CheckRequest;
import dev.tpc.api.InvalidRequestException;
import dev.tpc.api.Tpc;
import dev.tpc.cli.spi.WriteFailures;
import dev.tpc.report.ReportFormat;
import dev.tpc.target.Arch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check policies: would Tetragon accept them on each target kernel?", "",
                "Reads files and directories (recursively, *.yaml and *.yml). Every finding names its file:line:col."},
        footer = {"", "Silence a finding with `# tpc:ignore=CODE` at the end of its line, or on a line before a "
                + "document's first key for the whole document. `tpc rules` lists the codes.", "",
                "Exit status: 0 no error (warnings and notes allowed), 1 an error on some target (or a warning with "
                        + "--werror), 2 usage mistake (unknown option, missing path, bad --target, unwritable output), "
                        + "3 internal error."})
final class CheckCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Policy files or directories.")
    List<Path> paths = new ArrayList<>();

    @CommandLine.Mixin
    TargetOptions targetOptions = new TargetOptions();

    @Option(names = "--tracepoint-format", paramLabel = "FILE",
            description = "A tracefs format file (.../<subsys>/<event>/format, or formats each after '=== subsys/event') "
                    + "that overrides the shipped tracepoint tables for every target. Repeatable.")
    List<Path> tracepointFormats = new ArrayList<>();

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: text, json (one object per document), sarif, junit. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path output;

    @Option(names = "--werror", description = "Fail (exit 1) on warnings too.")
    boolean werror;

    @Option(names = "--baseline", paramLabel = "FILE", description = "Known findings (from --write-baseline) that do not fail the run.")
    Path baseline;

    @Option(names = "--write-baseline", paramLabel = "FILE", description = "Record every current finding in FILE as the new baseline.")
    Path writeBaseline;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Color text output: auto (when writing to a terminal and NO_COLOR is not set), always, never. "
                    + "Default: ${DEFAULT-VALUE}.")
    String color;

    @Override
    public Integer call() {
        ReportFormat fmt = ReportFormat.parse(format).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                "unknown --format '" + format + "'; use text, json, sarif or junit"));
        if (!Terminal.WHEN.contains(color)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown --color '" + color + "'; use auto, always or never");
        }
        Arch arch = targetOptions.arch(spec);
        CheckRequest request = new CheckRequest(paths, targetOptions.targets(), arch, tracepointFormats,
                Optional.ofNullable(baseline), Path.of(""));
        CheckReport report;
        try {
            report = Tpc.check(request);
        } catch (InvalidRequestException e) {
            spec.commandLine().getErr().println("tpc check: " + e.getMessage());
            return 2;
        }
        if (writeBaseline != null) {
            try {
                Baseline.write(report, writeBaseline);
            } catch (IOException e) {
                return cannotWrite(writeBaseline, e);
            }
        }
        boolean useColor = output == null && fmt == ReportFormat.TEXT && Terminal.color(color);
        String rendered = fmt.render(report, useColor);
        if (output != null) {
            try {
                Files.writeString(output, rendered, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return cannotWrite(output, e);
            }
        } else {
            spec.commandLine().getOut().print(rendered);
            spec.commandLine().getOut().flush();
        }
        if (report.hasErrors() || (werror && report.hasWarnings())) {
            return 1;
        }
        return 0;
    }

    private int cannotWrite(Path file, IOException e) {
        spec.commandLine().getErr().println("tpc check: cannot write " + file + ": " + WriteFailures.why(e));
        return 2;
    }
}
