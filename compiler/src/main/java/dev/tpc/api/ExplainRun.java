package dev.tpc.api;

import dev.tpc.bundle.Bundle;
import dev.tpc.bundle.BundleFormatException;
import dev.tpc.bundle.BundleReader;
import dev.tpc.bundle.BundleWriter;
import dev.tpc.decode.Decoder;
import dev.tpc.diag.BundleRule;
import dev.tpc.diag.Diagnostic;
import dev.tpc.diag.SourceSpan;
import dev.tpc.explain.Explainer;
import dev.tpc.explain.Explanation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@link Tpc#explain}: read a bundle strictly (or compile a policy in memory), then decode it. */
final class ExplainRun {
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private ExplainRun() {}

    static ExplainReport run(ExplainRequest request) throws InvalidRequestException {
        Path file = request.workingDirectory().resolve(request.file()).normalize();
        if (!Files.isRegularFile(file)) {
            String kind = IoReasons.kind(file);
            throw new InvalidRequestException(InvalidRequestException.Field.FILE, kind.equals("missing")
                    ? "no such file: " + request.file() : request.file() + " is " + kind + ", not a bundle or a policy file");
        }
        String shown = Inputs.display(file, request.workingDirectory());
        return isBundle(file, request) ? bundle(file, shown, request) : policy(shown, request);
    }

    private static boolean isBundle(Path file, ExplainRequest request) throws InvalidRequestException {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tpb")) {
            return true;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return java.util.Arrays.equals(in.readNBytes(4), ZIP_MAGIC);
        } catch (IOException e) {
            throw new InvalidRequestException(InvalidRequestException.Field.FILE, "cannot read " + request.file() + ": " + IoReasons.why(e, file));
        }
    }

    private static ExplainReport bundle(Path file, String shown, ExplainRequest request) throws InvalidRequestException {
        Bundle bundle;
        try {
            bundle = BundleReader.read(file, Optional.empty());
        } catch (IOException e) {
            throw new InvalidRequestException(InvalidRequestException.Field.FILE, "cannot read " + shown + ": " + IoReasons.why(e, file));
        } catch (BundleFormatException e) {
            return refused(shown, e);
        }
        try {
            Explanation x = Explainer.explain(bundle, shown, request.target());
            return new ExplainReport(shown, Optional.empty(), undecodable(x), List.of(x));
        } catch (BundleFormatException e) {
            return refused(shown, e);
        }
    }

    private static ExplainReport refused(String shown, BundleFormatException e) {
        return new ExplainReport(shown, Optional.empty(), List.of(e.rule().at(SourceSpan.wholeFile(shown),
                shown + ": " + e.getMessage(), hint(e.rule()))), List.of());
    }

    private static String hint(BundleRule rule) {
        return switch (rule) {
            case UNKNOWN_FORMAT -> "compile the policy again with this tpc, or use the tpc that wrote the bundle";
            case TARGET_NOT_IN_BUNDLE -> "compile the policy for that target (tpc compile --target ...)";
            default -> "the bundle is not what tpc wrote; compile the policy again and do not edit the bundle";
        };
    }

    private static ExplainReport policy(String shown, ExplainRequest request) throws InvalidRequestException {
        CompileRequest compile = new CompileRequest(List.of(request.file()),
                request.target().map(List::of).orElse(List.of()), request.arch(), request.workingDirectory(),
                request.tracepointFormats(), false, Optional.empty(), request.workingDirectory());
        Compilation.InMemory result = Compilation.inMemory(compile);
        List<Explanation> explanations = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (BundleWriter.Written w : result.bundles()) {
            try {
                // through the strict reader, so that explain shows exactly what a bundle file would hold
                Bundle b = BundleReader.read(w.bytes(), Optional.empty());
                Explanation x = Explainer.explain(b, shown + " (compiled in memory)", Optional.empty());
                explanations.add(x);
                diagnostics.addAll(undecodable(x));
            } catch (BundleFormatException e) {
                throw new IllegalStateException("tpc cannot read a bundle it has just written: " + e.getMessage(), e);
            }
        }
        return new ExplainReport(shown, Optional.of(result.report().check()), diagnostics, explanations);
    }

    private static List<Diagnostic> undecodable(Explanation x) {
        List<Diagnostic> out = new ArrayList<>();
        for (Explanation.Target t : x.targets()) {
            for (Explanation.Hook h : t.hooks()) {
                if (h.decoded() instanceof Decoder.Result.Invalid invalid) {
                    out.add(BundleRule.UNDECODABLE_HOOK.at(SourceSpan.wholeFile(x.source()), "hook " + h.config().hook()
                            + " (" + h.config().name() + ") of target " + t.target().name() + " cannot be decoded: "
                            + invalid.reason()).withTargets(List.of(t.target().name())));
                }
            }
        }
        return out;
    }
}
