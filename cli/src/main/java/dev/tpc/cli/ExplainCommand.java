package dev.tpc.cli;

import dev.tpc.api.ExplainReport;
import dev.tpc.api.ExplainRequest;
import dev.tpc.api.InvalidRequestException;
import dev.tpc.api.Tpc;
import dev.tpc.diag.Diagnostic;
import dev.tpc.explain.Explanation;
import dev.tpc.explain.ExplanationJson;
import dev.tpc.explain.ExplanationText;
import dev.tpc.report.ReportFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Decode a bundle (or a policy, compiled in memory) back into readable selectors per target.", "",
                "A bundle is read strictly: one changed byte and it is refused (exit 1). With --format json, every "
                        + "attach point shows its filter blob as hex without trailing zero bytes, as Tetragon's verdicts do."},
        footer = {"", "Exit status: 0 explained, 1 a bundle that is refused or lacks the --target, or a policy with an "
                + "error, 2 usage mistake (unknown option, missing file, unknown --target for a policy), 3 internal error."})
final class ExplainCommand implements Callable<Integer> {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1", description = "A bundle (.tpb) or a policy file.")
    Path file;

    @Option(names = {"-t", "--target"}, paramLabel = "TARGET", description = "Explain this target only.")
    String target;

    @Option(names = "--arch", paramLabel = "ARCH", defaultValue = "x86_64",
            description = "Architecture a policy is compiled for: x86_64 or arm64. Default: ${DEFAULT-VALUE}.")
    String arch;

    @Option(names = "--tracepoint-format", paramLabel = "FILE", description = "Tracefs format overriding the shipped tables (policies).")
    List<Path> tracepointFormats = new ArrayList<>();

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text", description = "text or json. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto", description = "Color findings in text output: auto, always, never.")
    String color;

    @Override
    public Integer call() {
        if (!format.equals("text") && !format.equals("json")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown --format '" + format + "'; use text or json");
        }
        dev.tpc.target.Arch a = dev.tpc.target.Arch.parse(arch).orElseThrow(() -> new CommandLine.ParameterException(
                spec.commandLine(), "unknown --arch '" + arch + "'; use x86_64 or arm64"));
        ExplainReport report;
        try {
            report = Tpc.explain(new ExplainRequest(file, Optional.ofNullable(target), a, tracepointFormats, Path.of("")));
        } catch (InvalidRequestException e) {
            spec.commandLine().getErr().println("tpc explain: " + e.getMessage());
            return 2;
        }
        if (format.equals("json")) {
            spec.commandLine().getOut().print(json(report));
        } else {
            spec.commandLine().getOut().print(text(report, Terminal.color(color)));
        }
        spec.commandLine().getOut().flush();
        return report.failed() ? 1 : 0;
    }

    private static String text(ExplainReport report, boolean color) {
        StringBuilder out = new StringBuilder();
        report.check().filter(c -> c.diagnostics().findAny().isPresent() || report.explanations().isEmpty())
                .ifPresent(c -> out.append(ReportFormat.TEXT.render(c, color)).append('\n'));
        for (Diagnostic d : report.diagnostics()) {
            out.append(d.severity().label()).append('[').append(d.code()).append("]: ").append(d.message()).append('\n');
            if (d.hint() != null) {
                out.append("  = hint: ").append(d.hint()).append('\n');
            }
        }
        for (int i = 0; i < report.explanations().size(); i++) {
            out.append(i == 0 ? "" : "\n").append(ExplanationText.render(report.explanations().get(i)));
        }
        return out.toString();
    }

    private static String json(ExplainReport report) {
        ObjectNode o = JSON.createObjectNode();
        o.put("file", report.file());
        o.put("ok", !report.failed());
        ArrayNode diags = o.putArray("diagnostics");
        List<Diagnostic> all = new ArrayList<>(report.diagnostics());
        report.check().ifPresent(c -> c.diagnostics().forEach(all::add));
        for (Diagnostic d : all) {
            ObjectNode j = diags.addObject();
            j.put("code", d.code());
            j.put("severity", d.severity().label());
            j.put("message", d.message());
            j.put("file", d.span().file());
            if (d.span().hasPosition()) {
                j.put("line", d.span().line());
                j.put("column", d.span().column());
            }
            if (!d.appliesToAllTargets()) {
                ArrayNode t = j.putArray("targets");
                d.targets().forEach(t::add);
            }
        }
        ArrayNode bundles = o.putArray("bundles");
        for (Explanation e : report.explanations()) {
            bundles.add(ExplanationJson.tree(e));
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o).replace("\r\n", "\n") + "\n";
    }
}
