package dev.tpc.cli;

import dev.tpc.api.CompileReport;
import dev.tpc.api.CompileRequest;
import dev.tpc.api.InvalidRequestException;
import dev.tpc.api.Tpc;
import dev.tpc.report.CompileReports;
import dev.tpc.report.ReportFormat;
import dev.tpc.target.Arch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compile", mixinStandardHelpOptions = true,
        description = {"Check policies, then compile each one Tetragon accepts on every target into a bundle.", "",
                "A bundle (<name>.tpb, <namespace>.<name>.tpb for namespaced policies) holds, per target and attach "
                        + "point, the loader config, the filter blob, event_config and map contents; it is reproducible byte "
                        + "for byte. A policy with an error on any target gets no bundle. See docs/bundle-format.md."},
        footer = {"", "Exit status: 0 compiled (warnings and notes allowed), 1 an error on some target (or a warning with "
                + "--werror), also a bundle that cannot be written (TP9004), 2 usage mistake (unknown option, missing path, "
                + "bad --target, an output directory that is a file), 3 internal error."})
final class CompileCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Policy files or directories.")
    List<Path> paths = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true, description = "Directory the bundles are written to.")
    Path output;

    @CommandLine.Mixin
    TargetOptions targetOptions = new TargetOptions();

    @Option(names = "--tracepoint-format", paramLabel = "FILE",
            description = "A tracefs format file (.../<subsys>/<event>/format, or formats each after '=== subsys/event') "
                    + "that overrides the shipped tracepoint tables for every target, in the check and in the bundles. Repeatable.")
    List<Path> tracepointFormats = new ArrayList<>();

    @Option(names = "--force", description = "Rewrite bundles even when they are up to date.")
    boolean force;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: text, json (one object per document, with its bundle), sarif, junit. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--werror", description = "Fail (exit 1) on warnings too.")
    boolean werror;

    @Option(names = "--baseline", paramLabel = "FILE", description = "Known findings that do not fail the run.")
    Path baseline;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto", description = "Color text output: auto, always, never.")
    String color;

    @Override
    public Integer call() {
        ReportFormat fmt = ReportFormat.parse(format).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                "unknown --format '" + format + "'; use text, json, sarif or junit"));
        Arch arch = targetOptions.arch(spec);
        CompileRequest request = new CompileRequest(paths, targetOptions.targets(), arch, output, tracepointFormats, !force,
                Optional.ofNullable(baseline), Path.of(""));
        CompileReport report;
        try {
            report = Tpc.compile(request);
        } catch (InvalidRequestException e) {
            spec.commandLine().getErr().println("tpc compile: " + e.getMessage());
            return 2;
        }
        boolean useColor = fmt == ReportFormat.TEXT && Terminal.color(color);
        spec.commandLine().getOut().print(CompileReports.render(report, fmt, useColor, request.workingDirectory()));
        spec.commandLine().getOut().flush();
        if (report.check().hasErrors() || (werror && report.check().hasWarnings())) {
            return 1;
        }
        return 0;
    }
}
