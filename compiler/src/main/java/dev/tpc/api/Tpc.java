package dev.tpc.api;

import dev.tpc.diag.Diagnostic;
import dev.tpc.diag.Severity;
import dev.tpc.target.Arch;
import dev.tpc.target.TargetResolution;
import dev.tpc.target.TargetResolver;
import dev.tpc.target.Targets;
import dev.tpc.validate.DocumentVerdict;
import dev.tpc.validate.PolicyValidator;
import dev.tpc.yaml.ParsedFile;
import dev.tpc.yaml.YamlDocument;
import dev.tpc.yaml.YamlReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The core's front door. Front ends (the command line, the Maven plugin) build a request, call
 * one method here and render the typed result; they hold no validation logic of their own.
 */
public final class Tpc {
    private Tpc() {}

    /**
     * Checks the policies, then compiles every policy document Tetragon accepts on all requested
     * targets into a bundle ({@code <name>.tpb}, {@code <namespace>.<name>.tpb} when namespaced)
     * in the output directory. A document with an error on any target gets no bundle; findings of
     * the compile itself (a hook tpc cannot lower or encode, two documents with one bundle name)
     * join the check's findings in the report.
     */
    public static CompileReport compile(CompileRequest request) throws InvalidRequestException {
        return Compilation.run(request);
    }

    /**
     * Decodes a bundle, or a policy compiled in memory, back into readable selectors per target.
     * A bundle that does not verify is refused with a TP9xxx finding, never an exception.
     */
    public static ExplainReport explain(ExplainRequest request) throws InvalidRequestException {
        return ExplainRun.run(request);
    }

    public static CheckReport check(CheckRequest request) throws InvalidRequestException {
        TargetResolution resolution = resolveTargets(request.targets(), request.arch(), request.workingDirectory());
        Targets targets = resolution.targets().orElseThrow()
                .withTracepoints(TracepointOverrides.read(request.tracepointFormats(), request.workingDirectory()).tables());
        Baseline baseline = request.baseline().isPresent() ? Baseline.load(request.baseline().get()) : Baseline.empty();
        List<Inputs.Input> inputs = Inputs.expand(request.inputs(), request.workingDirectory());
        PolicyValidator validator = new PolicyValidator(targets);
        YamlReader reader = new YamlReader();
        List<FileReport> reports = new ArrayList<>();
        int[] baselined = {0};
        for (Inputs.Input input : inputs) {
            String shownAs = Inputs.display(input.path(), request.workingDirectory());
            reports.add(withoutBaselined(checkFile(reader, validator, input, shownAs), baseline, baselined));
        }
        List<Diagnostic> targetFindings = resolution.diagnostics().stream().filter(d -> keep(d, baseline, baselined)).toList();
        return new CheckReport(ToolInfo.current(), targets.names(), targets.arch(), reports, baselined[0], targetFindings);
    }

    static FileReport checkFile(YamlReader reader, PolicyValidator validator, Inputs.Input input, String shownAs) {
        ParsedFile parsed = read(reader, input, shownAs);
        List<DocumentVerdict> verdicts = judge(validator, parsed).stream().map(PolicyValidator.Judgement::verdict).toList();
        return fileReport(parsed, shownAs, verdicts, validator);
    }

    /** Every document of a parsed file, judged (an empty document between separators is no resource). */
    static List<PolicyValidator.Judgement> judge(PolicyValidator validator, ParsedFile parsed) {
        List<PolicyValidator.Judgement> out = new ArrayList<>();
        for (YamlDocument doc : parsed.documents()) {
            if (doc.root() == null && parsed.documents().size() > 1) {
                continue;
            }
            out.add(validator.judge(doc));
        }
        return out;
    }

    static FileReport fileReport(ParsedFile parsed, String shownAs, List<DocumentVerdict> verdicts, PolicyValidator validator) {
        List<Diagnostic> fileDiagnostics = new ArrayList<>(parsed.diagnostics());
        if (parsed.diagnostics().isEmpty() && verdicts.isEmpty()) {
            fileDiagnostics.add(dev.tpc.diag.InputRule.EMPTY_FILE.at(
                    dev.tpc.diag.SourceSpan.wholeFile(shownAs), shownAs + " holds no YAML document"));
        }
        Map<String, Boolean> accepted = new LinkedHashMap<>();
        boolean fileBroken = fileDiagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
        for (String target : validator.targets().names()) {
            boolean ok = !fileBroken && verdicts.stream()
                    .allMatch(v -> v.policy() && v.accepted().getOrDefault(target, false));
            accepted.put(target, ok);
        }
        return new FileReport(shownAs, parsed.source(), fileDiagnostics, verdicts, accepted);
    }

    /** An input's text and documents, or TP0001 for a place the directory walk could not read. */
    static ParsedFile read(YamlReader reader, Inputs.Input input, String shownAs) {
        if (input.problem().isPresent()) {
            return new ParsedFile(new dev.tpc.yaml.SourceText(shownAs, List.of()), List.of(), List.of(
                    dev.tpc.diag.InputRule.UNREADABLE.at(dev.tpc.diag.SourceSpan.wholeFile(shownAs),
                            "cannot read " + shownAs + ": " + input.problem().get())));
        }
        return reader.read(input.path(), shownAs);
    }

    static FileReport withoutBaselined(FileReport r, Baseline baseline, int[] counter) {
        List<Diagnostic> fileDiags = r.fileDiagnostics().stream().filter(d -> keep(d, baseline, counter)).toList();
        List<DocumentVerdict> docs = r.documents().stream()
                .map(v -> new DocumentVerdict(v.ordinal(), v.kind(), v.name(), v.policy(), v.accepted(),
                        v.diagnostics().stream().filter(d -> keep(d, baseline, counter)).toList()))
                .toList();
        return new FileReport(r.path(), r.source(), fileDiags, docs, r.accepted());
    }

    private static boolean keep(Diagnostic d, Baseline baseline, int[] counter) {
        if (baseline.absorbs(d)) {
            counter[0]++;
            return false;
        }
        return true;
    }

    /**
     * Reads {@code --target} (names and profile files, through {@link TargetResolver}). An error
     * makes the request invalid; warnings stay in the resolution for the report.
     */
    static TargetResolution resolveTargets(List<String> specs, Arch arch, Path cwd) throws InvalidRequestException {
        TargetResolution r = new TargetResolver(cwd).resolve(String.join(",", specs), arch);
        if (r.targets().isEmpty()) {
            StringBuilder why = new StringBuilder();
            for (Diagnostic d : r.diagnostics()) {
                if (why.length() > 0) {
                    why.append('\n');
                }
                String where = d.span().hasPosition()
                        ? d.span().file() + ":" + d.span().line() + ":" + d.span().column() + ": " : "";
                why.append(where).append(d.code()).append(' ').append(d.message());
                if (d.hint() != null) {
                    why.append(" (").append(d.hint()).append(')');
                }
            }
            throw new InvalidRequestException(InvalidRequestException.Field.TARGETS, why.toString());
        }
        return r;
    }
}
