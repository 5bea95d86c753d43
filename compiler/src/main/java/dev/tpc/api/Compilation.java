package dev.tpc.api;

import dev.tpc.bundle.Bundle;
import dev.tpc.bundle.BundleFormatException;
import dev.tpc.bundle.BundleInput;
import dev.tpc.bundle.BundleManifest;
import dev.tpc.bundle.BundleReader;
import dev.tpc.bundle.BundleWriter;
import dev.tpc.bundle.TargetDigests;
import dev.tpc.diag.BundleRule;
import dev.tpc.diag.Diagnostic;
import dev.tpc.diag.Severity;
import dev.tpc.diag.SourceSpan;
import dev.tpc.lower.LoweringTarget;
import dev.tpc.model.TracingPolicy;
import dev.tpc.target.TargetProfile;
import dev.tpc.target.TargetResolution;
import dev.tpc.target.Targets;
import dev.tpc.validate.DocumentVerdict;
import dev.tpc.validate.PolicyValidator;
import dev.tpc.yaml.ParsedFile;
import dev.tpc.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@link Tpc#compile}: check, then lower, encode and bundle every document that passed. */
final class Compilation {
    /** Kubernetes object names (DNS subdomains), which are safe file names on every system. */
    private static final Pattern SAFE_NAME = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?");

    private final CompileRequest request;
    private final Targets targets;
    private final DocumentCompiler compiler;
    private final List<CompiledBundle> bundles = new ArrayList<>();
    /** Null: write bundles to files; else collect them here ({@code tpc explain} of a policy). */
    private final List<BundleWriter.Written> inMemory;
    /** Compile findings per file index, per document ordinal. */
    private final Map<Integer, Map<Integer, List<Diagnostic>>> extra = new LinkedHashMap<>();

    private Compilation(CompileRequest request, Targets targets, boolean keepInMemory) {
        this.request = request;
        this.inMemory = keepInMemory ? new ArrayList<>() : null;
        this.targets = targets;
        this.compiler = new DocumentCompiler(targets);
    }

    /** One document that passed the check on every target. */
    private record Candidate(int fileIndex, String shownAs, Path file, PolicyValidator.Judgement judgement,
                             TracingPolicy model, String bundleName) {}

    private record CheckedFile(ParsedFile parsed, String shownAs, List<PolicyValidator.Judgement> judgements) {}

    static CompileReport run(CompileRequest request) throws InvalidRequestException {
        return start(request, false).report();
    }

    /** A compile whose bundles are kept in memory instead of written. */
    record InMemory(CompileReport report, List<BundleWriter.Written> bundles) {}

    static InMemory inMemory(CompileRequest request) throws InvalidRequestException {
        return start(request, true);
    }

    private static InMemory start(CompileRequest request, boolean keepInMemory) throws InvalidRequestException {
        Path cwd = request.workingDirectory();
        TargetResolution resolution = Tpc.resolveTargets(request.targets(), request.arch(), cwd);
        Targets targets = resolution.targets().orElseThrow()
                .withTracepoints(TracepointOverrides.read(request.tracepointFormats(), cwd).tables());
        Baseline baseline = request.baseline().isPresent() ? Baseline.load(request.baseline().get()) : Baseline.empty();
        List<Inputs.Input> files = Inputs.expand(request.inputs(), cwd);
        if (!keepInMemory) {
            checkOutputDirectory(request.outputDirectory());
        }
        Compilation c = new Compilation(request, targets, keepInMemory);
        CompileReport report = c.compileAll(files, baseline, resolution.diagnostics());
        return new InMemory(report, keepInMemory ? List.copyOf(c.inMemory) : List.of());
    }

    /**
     * A file where the output directory, or a folder above it, should be is a usage mistake. A
     * folder that cannot be created for another reason (permissions, a read-only or virtual file
     * system) shows when the first bundle is written, as TP9004 with the OS's reason.
     */
    private static void checkOutputDirectory(Path out) throws InvalidRequestException {
        Path existing = out;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || Files.isDirectory(existing)) {
            return;
        }
        String kind = IoReasons.kind(existing);
        throw new InvalidRequestException(InvalidRequestException.Field.OUTPUT_DIRECTORY, existing.equals(out)
                ? "the output directory " + out + " is " + kind
                : "the output directory " + out + " cannot be created: " + existing + " is " + kind);
    }

    private CompileReport compileAll(List<Inputs.Input> files, Baseline baseline, List<Diagnostic> targetFindings) {
        PolicyValidator validator = new PolicyValidator(targets);
        YamlReader reader = new YamlReader();
        List<CheckedFile> checked = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i).path();
            String shownAs = Inputs.display(file, request.workingDirectory());
            ParsedFile parsed = Tpc.read(reader, files.get(i), shownAs);
            List<PolicyValidator.Judgement> judgements = Tpc.judge(validator, parsed);
            checked.add(new CheckedFile(parsed, shownAs, judgements));
            boolean fileBroken = parsed.diagnostics().stream().anyMatch(d -> d.severity() == Severity.ERROR);
            for (PolicyValidator.Judgement j : judgements) {
                DocumentVerdict v = j.verdict();
                boolean everywhere = targets.names().stream().allMatch(t -> v.accepted().getOrDefault(t, false));
                if (!fileBroken && v.policy() && everywhere && j.schema() != null && j.schema().model() != null) {
                    TracingPolicy model = j.schema().model();
                    candidates.add(new Candidate(i, shownAs, file, j, model, bundleName(model)));
                }
            }
        }
        compileCandidates(candidates);
        List<FileReport> reports = new ArrayList<>();
        int[] baselined = {0};
        for (int i = 0; i < checked.size(); i++) {
            CheckedFile c = checked.get(i);
            Map<Integer, List<Diagnostic>> mine = extra.getOrDefault(i, Map.of());
            List<DocumentVerdict> verdicts = new ArrayList<>();
            for (PolicyValidator.Judgement j : c.judgements()) {
                DocumentVerdict v = j.verdict();
                List<Diagnostic> add = mine.getOrDefault(v.ordinal(), List.of());
                if (!add.isEmpty()) {
                    List<Diagnostic> all = new ArrayList<>(v.diagnostics());
                    all.addAll(add);
                    all.sort(Diagnostic.ORDER);
                    v = new DocumentVerdict(v.ordinal(), v.kind(), v.name(), v.policy(), v.accepted(), all);
                }
                verdicts.add(v);
            }
            FileReport report = Tpc.fileReport(c.parsed(), c.shownAs(), verdicts, validator);
            reports.add(Tpc.withoutBaselined(report, baseline, baselined));
        }
        CheckReport check = new CheckReport(ToolInfo.current(), targets.names(), targets.arch(), reports, baselined[0], targetFindings);
        return new CompileReport(check, bundles);
    }

    /** {@code <name>.tpb}, or {@code <namespace>.<name>.tpb} for a namespaced policy. */
    static String bundleName(TracingPolicy model) {
        String name = model.metadata() == null ? null : model.metadata().name();
        String ns = "TracingPolicyNamespaced".equals(model.kind()) && model.metadata() != null
                ? model.metadata().namespace() : null;
        return (ns == null ? "" : ns + ".") + name + ".tpb";
    }

    private void compileCandidates(List<Candidate> candidates) {
        Map<String, List<Candidate>> byName = new LinkedHashMap<>();
        candidates.forEach(c -> byName.computeIfAbsent(c.bundleName(), k -> new ArrayList<>()).add(c));
        for (Candidate c : candidates) {
            List<Candidate> same = byName.get(c.bundleName());
            if (same.size() > 1) {
                List<String> others = same.stream().filter(o -> o != c)
                        .map(o -> o.shownAs() + " (document " + o.judgement().verdict().ordinal() + ")").toList();
                add(c, BundleRule.DUPLICATE_BUNDLE.at(nameSpan(c), "this policy would be written to " + c.bundleName()
                                + ", like " + String.join(", ", others),
                        "give each policy its own name (or namespace); no bundle is written for any of them"));
                continue;
            }
            compileOne(c);
        }
    }

    private void compileOne(Candidate c) {
        TracingPolicy model = c.model();
        String name = model.metadata().name();
        String namespace = "TracingPolicyNamespaced".equals(model.kind()) ? model.metadata().namespace() : null;
        if (name == null || !SAFE_NAME.matcher(name).matches() || (namespace != null && !SAFE_NAME.matcher(namespace).matches())) {
            add(c, BundleRule.WRITE_FAILED.at(nameSpan(c), "the policy name cannot name a bundle file",
                    "use a Kubernetes object name: lower-case letters, digits, '-' and '.'"));
            return;
        }
        byte[] source;
        try {
            source = Files.readAllBytes(c.file());
        } catch (IOException e) {
            add(c, BundleRule.WRITE_FAILED.at(SourceSpan.wholeFile(c.shownAs()), "cannot read " + c.shownAs()
                    + " again to compile it: " + IoReasons.why(e, c.file())));
            return;
        }
        String sourceSha = sha256(source);
        int ordinal = c.judgement().verdict().ordinal();
        String sourceName = c.file().getFileName().toString();
        Path out = request.outputDirectory().resolve(c.bundleName());
        if (request.skipUpToDate() && inMemory == null) {
            Optional<String> kept = upToDate(out, sourceName, sourceSha, ordinal);
            if (kept.isPresent()) {
                bundles.add(new CompiledBundle(c.shownAs(), ordinal, qualified(namespace, name), out, kept.get(), true));
                return;
            }
        }
        DocumentCompiler.Outcome outcome = compiler.compile(model, c.judgement().schema().defaulted(),
                new DocumentCompiler.Source(sourceName, sourceSha, ordinal));
        outcome.diagnostics().forEach(d -> add(c, d));
        if (outcome.input().isEmpty()) {
            return;
        }
        BundleWriter.Written written;
        try {
            written = BundleWriter.write(outcome.input().get());
        } catch (IllegalArgumentException e) {
            add(c, BundleRule.TARGET_DIRECTORY.at(nameSpan(c), e.getMessage(), "give the target profiles distinct names"));
            return;
        }
        if (inMemory != null) {
            inMemory.add(written);
            return;
        }
        try {
            writeAtomically(out, written.bytes());
        } catch (IOException e) {
            add(c, BundleRule.WRITE_FAILED.at(nameSpan(c), "cannot write " + out + ": " + IoReasons.why(e, out)));
            return;
        }
        bundles.add(new CompiledBundle(c.shownAs(), ordinal, qualified(namespace, name), out, written.sha256(), false));
    }

    private static String qualified(String namespace, String name) {
        return namespace == null ? name : namespace + "/" + name;
    }

    /** The existing bundle's SHA-256 when it was compiled from the same source by the same tool for the same targets. */
    private Optional<String> upToDate(Path out, String sourceName, String sourceSha, int ordinal) {
        if (!Files.isRegularFile(out)) {
            return Optional.empty();
        }
        Bundle existing;
        try {
            existing = BundleReader.read(out, Optional.of(targets.arch()));
        } catch (IOException | BundleFormatException e) {
            return Optional.empty();
        }
        BundleManifest m = existing.manifest();
        ToolInfo tool = ToolInfo.current();
        boolean same = m.format().equals(BundleManifest.FORMAT) && m.toolVersion().equals(tool.version())
                && m.tetragonVersion().equals(tool.tetragonSchemaVersion()) && m.tetragonCommit().equals(tool.tetragonCommit())
                && m.sourceName().equals(sourceName) && m.sourceSha256().equals(sourceSha) && m.document() == ordinal
                && m.arch() == targets.arch() && m.targets().size() == targets.profiles().size();
        for (int i = 0; same && i < targets.profiles().size(); i++) {
            TargetProfile p = targets.profiles().get(i);
            BundleManifest.Target t = m.targets().get(i);
            LoweringTarget lt = compiler.loweringTarget(p.name());
            same = t.name().equals(p.name()) && t.profileSha256().equals(TargetDigests.profile(p))
                    && Objects.equals(t.tracepointsSha256(), lt.tracepoints().map(TargetDigests::tracepoints).orElse(null));
        }
        return same ? Optional.of(existing.sha256()) : Optional.empty();
    }

    private static void writeAtomically(Path out, byte[] bytes) throws IOException {
        Path dir = out.getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + out.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Files.write(tmp, bytes, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        try {
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static SourceSpan nameSpan(Candidate c) {
        return c.model().metadata() != null ? c.model().metadata().valueSpan("name") : c.model().span();
    }

    private void add(Candidate c, Diagnostic d) {
        extra.computeIfAbsent(c.fileIndex(), k -> new LinkedHashMap<>())
                .computeIfAbsent(c.judgement().verdict().ordinal(), k -> new ArrayList<>()).add(d);
    }

    static String sha256(byte[] data) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
