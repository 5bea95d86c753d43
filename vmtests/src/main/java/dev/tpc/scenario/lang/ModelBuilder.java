package dev.tpc.scenario.lang;

import dev.tpc.diag.Quoted;
import dev.tpc.diag.SourceSpan;
import dev.tpc.scenario.diag.ScenarioRule;
import dev.tpc.scenario.model.ModeOverride;
import dev.tpc.scenario.model.PolicyRef;
import dev.tpc.scenario.model.Requirement;
import dev.tpc.scenario.model.Scenario;
import dev.tpc.scenario.model.ScenarioFile;
import dev.tpc.scenario.model.Setup;
import dev.tpc.scenario.model.Step;
import dev.tpc.target.Arch;
import dev.tpc.target.Feature;
import dev.tpc.target.KernelVersion;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Turns a parse tree into the model, checking what the grammar cannot: names, values, ranges,
 * what each scenario must hold, and the policy files it names. Each mistake is reported where it
 * is written and the rest of the file is still checked, so one run shows every finding.
 */
final class ModelBuilder {
    private static final List<String> POLICY_EXTENSIONS = List.of(".yaml", ".yml", ".tpb");
    private static final List<String> MODES = List.of("monitor", "enforce");
    private static final int MAX_DIRECTORY_HINT = 1000;

    private final Path file;
    private final String shownAs;
    private final Arch defaultArch;
    private final Bounds bounds;
    private final Findings findings;
    private final Spans spans;
    private final Literals literals;
    private final Steps steps;
    private final Repeats repeats;
    /** A file-level policy line was written (whether or not its files were found). */
    private boolean sharedWritten;

    ModelBuilder(Path file, String shownAs, Arch defaultArch, Bounds bounds, Findings findings) {
        this.file = file;
        this.shownAs = shownAs;
        this.defaultArch = defaultArch;
        this.bounds = bounds;
        this.findings = findings;
        this.spans = new Spans(shownAs);
        this.literals = new Literals(spans, findings, bounds.maxStringBytes());
        this.repeats = new Repeats(spans, findings);
        this.steps = new Steps(spans, findings, literals, repeats, bounds);
    }

    ScenarioFile file(TpsParser.FileContext ctx) {
        List<PolicyRef> shared = new ArrayList<>();
        sharedWritten = !ctx.policyLine().isEmpty();
        for (TpsParser.PolicyLineContext p : ctx.policyLine()) {
            policies(p, shared);
        }
        List<TpsParser.ScenarioContext> written = ctx.scenario();
        if (written.isEmpty()) {
            findings.add(ScenarioRule.MISSING_PART, spans.of(ctx.EOF()), "the file holds no scenario",
                    "add scenario \"what it shows\" { policy ... step ... { ... } }");
        }
        if (written.size() > bounds.maxScenarios()) {
            findings.add(ScenarioRule.LIMIT, spans.head(written.get(bounds.maxScenarios()), written.get(bounds.maxScenarios()).STRING().getSymbol()),
                    "more than " + bounds.maxScenarios() + " scenarios in one file", "split the file");
            written = written.subList(0, bounds.maxScenarios());
        }
        List<Scenario> scenarios = new ArrayList<>();
        Map<String, SourceSpan> names = new HashMap<>();
        for (TpsParser.ScenarioContext s : written) {
            Scenario built = scenario(s, shared);
            if (built != null) {
                repeats.unique(names, built.name(), built.span(), "scenario", "file");
                scenarios.add(built);
            }
        }
        return new ScenarioFile(file, shownAs, scenarios);
    }

    private Scenario scenario(TpsParser.ScenarioContext ctx, List<PolicyRef> shared) {
        Token nameToken = ctx.STRING().getSymbol();
        String name = name(nameToken, "a scenario");
        SourceSpan head = spans.head(ctx, nameToken);
        List<PolicyRef> own = new ArrayList<>();
        Optional<ModeOverride> mode = Optional.empty();
        List<Requirement> requirements = new ArrayList<>();
        Setup setup = Setup.empty();
        Arch arch = defaultArch;
        ParserRuleContext modeAt = null;
        ParserRuleContext archAt = null;
        ParserRuleContext setupAt = null;
        List<TpsParser.StepContext> stepCtxs = new ArrayList<>();
        boolean ownWritten = false;
        for (TpsParser.ScenarioItemContext item : ctx.scenarioItem()) {
            if (item.policyLine() != null) {
                ownWritten = true;
                policies(item.policyLine(), own);
            } else if (item.modeLine() != null) {
                if (repeats.once(modeAt, item.modeLine(), "mode")) {
                    modeAt = item.modeLine();
                    mode = mode(item.modeLine().ident());
                }
            } else if (item.requirement() != null) {
                requirement(item.requirement(), requirements);
            } else if (item.archLine() != null) {
                if (repeats.once(archAt, item.archLine(), "arch")) {
                    archAt = item.archLine();
                    Arch a = arch(item.archLine());
                    if (a != null) {
                        arch = a;
                        requirements.add(new Requirement.Arch(a.id(), spans.of(item.archLine())));
                    }
                }
            } else if (item.setup() != null) {
                if (repeats.once(setupAt, item.setup(), "setup")) {
                    setupAt = item.setup();
                    setup = new SetupBuilder(spans, findings, literals, repeats, bounds.maxItems()).setup(item.setup());
                }
            } else {
                stepCtxs.add(item.step());
            }
        }
        List<PolicyRef> policies = ownWritten ? own : shared;
        if (!ownWritten && !sharedWritten) {
            findings.add(ScenarioRule.MISSING_PART, head, "scenario " + Quoted.doubled(name) + " names no policy",
                    "add policy \"path/to/policy.yaml\" in the scenario, or once at the top of the file for every scenario");
        }
        duplicatePolicies(policies);
        if (stepCtxs.isEmpty()) {
            findings.add(ScenarioRule.MISSING_PART, head, "scenario " + Quoted.doubled(name) + " has no step",
                    "add step \"what it does\" { run \"/usr/bin/true\" expect exit 0 }");
        }
        if (stepCtxs.size() > bounds.maxSteps()) {
            TpsParser.StepContext over = stepCtxs.get(bounds.maxSteps());
            findings.add(ScenarioRule.LIMIT, spans.head(over, over.STRING().getSymbol()), "more than " + bounds.maxSteps()
                    + " steps in one scenario", "split the scenario");
            stepCtxs = stepCtxs.subList(0, bounds.maxSteps());
        }
        List<Step> built = new ArrayList<>();
        Map<String, SourceSpan> stepNames = new HashMap<>();
        for (TpsParser.StepContext s : stepCtxs) {
            Step step = steps.step(s, arch);
            if (step != null) {
                repeats.unique(stepNames, step.name(), step.span(), "step", "scenario");
                built.add(step);
            }
        }
        return name == null ? null : new Scenario(name, head, policies, mode, setup, built, requirements);
    }

    /** A scenario's or step's name: text, not empty. */
    String name(Token t, String what) {
        String s = literals.cString(t, what + "'s name");
        if (s != null && s.isBlank()) {
            findings.add(ScenarioRule.BAD_STRING, spans.of(t), what + "'s name cannot be empty", "say what it shows");
            return null;
        }
        return s;
    }

    private void policies(TpsParser.PolicyLineContext ctx, List<PolicyRef> into) {
        for (var s : ctx.STRING()) {
            PolicyRef p = policy(s.getSymbol());
            if (p != null) {
                into.add(p);
            }
        }
    }

    /** A policy file: resolved against the scenario file's directory, and there. */
    private PolicyRef policy(Token t) {
        String written = literals.cString(t, "a policy path");
        if (written == null) {
            return null;
        }
        SourceSpan span = spans.of(t);
        Path resolved;
        try {
            Path p = Path.of(written);
            Path dir = file.getParent() == null ? Path.of("").toAbsolutePath() : file.getParent();
            resolved = (p.isAbsolute() ? p : dir.resolve(p)).normalize();
        } catch (InvalidPathException e) {
            findings.add(ScenarioRule.POLICY_NOT_FOUND, span, Quoted.doubled(written) + " is not a valid path");
            return null;
        }
        String fileName = resolved.getFileName() == null ? "" : resolved.getFileName().toString();
        if (written.isEmpty() || POLICY_EXTENSIONS.stream().noneMatch(fileName.toLowerCase(Locale.ROOT)::endsWith)) {
            findings.add(ScenarioRule.NOT_A_POLICY, span, Quoted.doubled(written) + " is not a policy file",
                    "a policy is a TracingPolicy in YAML (.yaml, .yml) or a bundle compiled by tpc (.tpb)");
            return null;
        }
        if (!Files.isRegularFile(resolved)) {
            String hint = Files.isDirectory(resolved) ? "this is a directory" : closestSibling(resolved);
            findings.add(ScenarioRule.POLICY_NOT_FOUND, span, "policy file " + Quoted.doubled(written) + " not found", hint != null
                    ? hint : "a relative path is read from the directory of " + shownAs);
            return null;
        }
        return new PolicyRef(resolved, written, span);
    }

    /** The file next to a missing one whose name is closest, as a hint. */
    private static String closestSibling(Path missing) {
        Path dir = missing.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return null;
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                if (names.size() == MAX_DIRECTORY_HINT) {
                    break;
                }
                names.add(p.getFileName().toString());
            }
        } catch (IOException | SecurityException e) {
            return null;
        }
        return Suggest.hint(missing.getFileName().toString(), names);
    }

    private void duplicatePolicies(List<PolicyRef> policies) {
        Map<Path, PolicyRef> seen = new LinkedHashMap<>();
        for (PolicyRef p : policies) {
            PolicyRef first = seen.putIfAbsent(p.path(), p);
            if (first != null && first != p) {
                findings.add(ScenarioRule.DUPLICATE_SETTING, p.span(), "the policy " + Quoted.doubled(p.written())
                        + " is named twice for this scenario", "the first is on line " + first.span().line());
            }
        }
    }

    private Optional<ModeOverride> mode(TpsParser.IdentContext id) {
        String m = id.getText();
        if (MODES.contains(m)) {
            return Optional.of(m.equals("monitor") ? ModeOverride.MONITOR : ModeOverride.ENFORCE);
        }
        findings.add(ScenarioRule.UNKNOWN_VALUE, spans.of(id), "unknown mode " + Quoted.doubled(m),
                Suggest.hintOr(m, MODES, "mode is monitor or enforce (it replaces the policies' policy-mode option)"));
        return Optional.empty();
    }

    private Arch arch(TpsParser.ArchLineContext ctx) {
        String a = ctx.ident().getText();
        Optional<Arch> parsed = Arch.parse(a);
        if (parsed.isEmpty()) {
            List<String> ids = Arrays.stream(Arch.values()).map(Arch::id).toList();
            findings.add(ScenarioRule.UNKNOWN_VALUE, spans.of(ctx.ident()), "unknown architecture " + Quoted.doubled(a),
                    Suggest.hintOr(a, ids, "the architectures are " + String.join(", ", ids)));
            return null;
        }
        return parsed.get();
    }

    private void requirement(TpsParser.RequirementContext ctx, List<Requirement> into) {
        String what = ctx.ident().getText();
        SourceSpan span = spans.of(ctx);
        if (ctx.compareOp() != null || what.equals("kernel")) {
            if (!what.equals("kernel")) {
                findings.add(ScenarioRule.UNKNOWN_VALUE, spans.of(ctx.ident()), "only the kernel version can be compared, not "
                        + Quoted.doubled(what), Suggest.hintOr(what, List.of("kernel"), "write requires kernel >= 6.1"));
                return;
            }
            if (ctx.compareOp() == null || ctx.compareOp().GE() == null) {
                findings.add(ScenarioRule.UNKNOWN_VALUE, ctx.compareOp() == null ? spans.of(ctx) : spans.of(ctx.compareOp()),
                        "requires kernel takes a lowest version: requires kernel >= VERSION",
                        "a scenario that must not run on newer kernels is not expressible; say what feature it needs instead");
                return;
            }
            Optional<KernelVersion> v = literals.version(ctx.version());
            v.ifPresent(version -> into.add(new Requirement.KernelAtLeast(version, span)));
            return;
        }
        if (Feature.byKey(what).isEmpty()) {
            List<String> keys = Arrays.stream(Feature.values()).map(Feature::key).toList();
            findings.add(ScenarioRule.UNKNOWN_FEATURE, spans.of(ctx.ident()), "unknown kernel feature " + Quoted.doubled(what),
                    Suggest.hintOr(what, keys, "the features of the target profiles are " + Suggest.some(keys)));
            return;
        }
        for (Requirement r : into) {
            if (r instanceof Requirement.Feature f && f.name().equals(what)) {
                findings.add(ScenarioRule.DUPLICATE_SETTING, span, "requires " + what + " is written twice",
                        "the first is on line " + f.span().line());
                return;
            }
        }
        into.add(new Requirement.Feature(what, span));
    }
}
