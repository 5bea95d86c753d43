package dev.tpc.api;

import dev.tpc.bundle.BundleInput;
import dev.tpc.bundle.PolicyMode;
import dev.tpc.diag.BundleRule;
import dev.tpc.diag.Diagnostic;
import dev.tpc.diag.Severity;
import dev.tpc.encode.EncodeResult;
import dev.tpc.encode.Encoder;
import dev.tpc.encode.EncodingVariant;
import dev.tpc.encode.Layout;
import dev.tpc.lower.Action;
import dev.tpc.lower.AttachPoint;
import dev.tpc.lower.LoweredPolicy;
import dev.tpc.lower.Lowering;
import dev.tpc.lower.LoweringProblem;
import dev.tpc.lower.LoweringTarget;
import dev.tpc.lower.Selector;
import dev.tpc.model.OptionSpec;
import dev.tpc.model.TracingPolicy;
import dev.tpc.model.TracingPolicySpec;
import dev.tpc.target.TargetProfile;
import dev.tpc.target.Targets;
import dev.tpc.yaml.MappingNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles one checked policy document for every target: lower, encode, and gather what the
 * bundle writer needs. A hook that cannot be lowered or encoded becomes a finding at its node,
 * for the targets where that happens.
 */
final class DocumentCompiler {
    private static final int MAX_MESSAGE_BYTES = 256;
    private static final int MAX_TAG_BYTES = 128;

    private final Targets targets;
    private final Map<String, LoweringTarget> loweringTargets;

    DocumentCompiler(Targets targets) {
        this.targets = targets;
        this.loweringTargets = new LinkedHashMap<>();
        for (TargetProfile p : targets.profiles()) {
            loweringTargets.put(p.name(), new LoweringTarget(p.name(), targets.arch(), targets.tracepoints().table(p)));
        }
    }

    LoweringTarget loweringTarget(String profile) {
        return loweringTargets.get(profile);
    }

    /** Either a bundle input (no errors) or the findings that stop the document from getting one. */
    record Outcome(Optional<BundleInput> input, List<Diagnostic> diagnostics) {}

    /** The identity of the source a bundle is compiled from. */
    record Source(String fileName, String sha256, int document) {}

    Outcome compile(TracingPolicy model, MappingNode defaulted, Source source) {
        List<Diagnostic> found = new ArrayList<>();
        List<BundleInput.Target> compiled = new ArrayList<>();
        boolean enforcement = false;
        for (TargetProfile profile : targets.profiles()) {
            LoweringTarget lt = loweringTargets.get(profile.name());
            LoweredPolicy lowered = Lowering.lower(model, lt);
            List<String> only = List.of(profile.name());
            for (LoweringProblem p : lowered.problems()) {
                String hint = p.message().contains("no format known")
                        ? "give the tracepoint's format: --tracepoint-format /sys/kernel/tracing/events/<subsys>/<event>/format"
                        : "tpc cannot build this hook for the target, so the policy gets no bundle";
                found.add(BundleRule.LOWERING_REFUSED.at(p.span(), p.hook() + ": " + p.message(), hint).withTargets(only));
            }
            List<EncodeResult> results = Encoder.encodeAll(lowered.attachPoints(), EncodingVariant.of(profile), Layout.SINGLE_HOOK);
            List<BundleInput.Hook> hooks = new ArrayList<>();
            for (EncodeResult r : results) {
                if (r instanceof EncodeResult.Refused refused) {
                    found.add(BundleRule.ENCODING_REFUSED.at(refused.span(), refused.hook() + ": " + refused.message(),
                            "the selectors of this hook cannot be encoded for the target").withTargets(only));
                } else if (r instanceof EncodeResult.Encoded e) {
                    AttachPoint ap = e.hook().attachPoint();
                    enforcement |= hasEnforcement(ap);
                    hooks.add(new BundleInput.Hook(e.hook(), message(model, ap), tags(model, ap)));
                }
            }
            compiled.add(new BundleInput.Target(profile, lt.tracepoints(), hooks));
        }
        List<Diagnostic> merged = mergeTargets(found);
        if (merged.stream().anyMatch(d -> d.severity() == Severity.ERROR)) {
            return new Outcome(Optional.empty(), merged);
        }
        ToolInfo tool = ToolInfo.current();
        String name = model.metadata().name();
        String namespace = "TracingPolicyNamespaced".equals(model.kind()) ? model.metadata().namespace() : null;
        BundleInput input = new BundleInput(new BundleInput.Tool(tool.version(), tool.tetragonSchemaVersion(),
                tool.tetragonCommit()), source.fileName(), source.sha256(), source.document(), model.kind(), name,
                namespace, PolicyMode.of(policyModeOption(model.spec()), enforcement), targets.arch(), defaulted, compiled);
        return new Outcome(Optional.of(input), merged);
    }

    /** A finding that every target reports the same way is shown once, for all targets. */
    private List<Diagnostic> mergeTargets(List<Diagnostic> found) {
        Map<List<Object>, List<String>> byFinding = new LinkedHashMap<>();
        Map<List<Object>, Diagnostic> first = new LinkedHashMap<>();
        for (Diagnostic d : found) {
            List<Object> key = List.of(d.code(), d.span(), d.message());
            first.putIfAbsent(key, d);
            List<String> ts = byFinding.computeIfAbsent(key, k -> new ArrayList<>());
            d.targets().forEach(t -> {
                if (!ts.contains(t)) {
                    ts.add(t);
                }
            });
        }
        List<Diagnostic> out = new ArrayList<>();
        first.forEach((key, d) -> {
            List<String> ts = byFinding.get(key);
            out.add(ts.containsAll(targets.names()) ? d.withTargets(List.of()) : d.withTargets(ts));
        });
        return out;
    }

    private static boolean hasEnforcement(AttachPoint ap) {
        for (Selector s : ap.selectors()) {
            for (List<Action> actions : List.of(s.actions(), s.returnActions())) {
                if (actions.stream().anyMatch(a -> a.kind().isEnforcement())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Optional<String> policyModeOption(TracingPolicySpec spec) {
        Optional<String> mode = Optional.empty();
        for (OptionSpec o : spec.options()) {
            if ("policy-mode".equals(o.name()) && o.value() != null) {
                mode = Optional.of(o.value());
            }
        }
        return mode;
    }

    /** The hook's {@code message}, cut at 256 bytes as Tetragon does. */
    private static String message(TracingPolicy model, AttachPoint ap) {
        return truncate(hookField(model, ap, true).stream().findFirst().orElse(""), MAX_MESSAGE_BYTES);
    }

    /** The hook's {@code tags}, each cut at 128 bytes as Tetragon does. */
    private static List<String> tags(TracingPolicy model, AttachPoint ap) {
        return hookField(model, ap, false).stream().map(t -> truncate(t, MAX_TAG_BYTES)).toList();
    }

    private static List<String> hookField(TracingPolicy model, AttachPoint ap, boolean message) {
        TracingPolicySpec spec = model.spec();
        int i = ap.hookIndex();
        String msg;
        List<String> tags;
        switch (ap.kind()) {
            case KPROBE, FENTRY -> {
                var list = ap.kind() == dev.tpc.lower.HookKind.KPROBE ? spec.kprobes() : spec.fentries();
                if (i >= list.size()) {
                    return List.of();
                }
                msg = list.get(i).message();
                tags = list.get(i).tags();
            }
            case TRACEPOINT, RAW_TRACEPOINT -> {
                if (i >= spec.tracepoints().size()) {
                    return List.of();
                }
                msg = spec.tracepoints().get(i).message();
                tags = spec.tracepoints().get(i).tags();
            }
            case LSM -> {
                if (i >= spec.lsmhooks().size()) {
                    return List.of();
                }
                msg = spec.lsmhooks().get(i).message();
                tags = spec.lsmhooks().get(i).tags();
            }
            case UPROBE -> {
                if (i >= spec.uprobes().size()) {
                    return List.of();
                }
                msg = spec.uprobes().get(i).message();
                tags = spec.uprobes().get(i).tags();
            }
            default -> {
                return List.of();
            }
        }
        if (message) {
            return msg == null ? List.of() : List.of(msg);
        }
        return tags == null ? List.of() : tags;
    }

    private static String truncate(String s, int maxBytes) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length <= maxBytes) {
            return s;
        }
        int end = maxBytes;
        while (end > 0 && (b[end] & 0xC0) == 0x80) {
            end--; // do not cut a character in two
        }
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }
}
