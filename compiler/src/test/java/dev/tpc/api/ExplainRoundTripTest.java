package dev.tpc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.decode.Decoder;
import dev.tpc.explain.Explanation;
import dev.tpc.lower.AttachPoint;
import dev.tpc.lower.LoweredPolicy;
import dev.tpc.lower.Lowering;
import dev.tpc.lower.LoweringTarget;
import dev.tpc.model.TracingPolicy;
import dev.tpc.target.Arch;
import dev.tpc.target.TargetProfile;
import dev.tpc.target.TargetProfiles;
import dev.tpc.target.Targets;
import dev.tpc.testing.RepoFiles;
import dev.tpc.testing.SharedData;
import dev.tpc.validate.PolicyValidator;
import dev.tpc.yaml.ParsedFile;
import dev.tpc.yaml.YamlDocument;
import dev.tpc.yaml.YamlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The round trip through a bundle: every example and corpus policy that compiles goes policy →
 * lower → encode → bundle file bytes → strict reader → decoder, and each hook's decoded selectors
 * must equal the normal form of the policy's own lowered selectors (docs/bundle-format.md,
 * "Normal form").
 */
class ExplainRoundTripTest {

    @Test
    void everyCompiledHookDecodesToThePolicysNormalForm() throws Exception {
        List<Path> files = new ArrayList<>(yamlFiles(RepoFiles.root().resolve("examples/policies")));
        files.addAll(yamlFiles(SharedData.require().resolve("corpus/upstream")));
        PolicyValidator validator = new PolicyValidator(new Targets(TargetProfiles.all(), Arch.X86_64));
        List<String> failures = new ArrayList<>();
        TreeMap<String, Integer> notCompiled = new TreeMap<>();
        int hooks = 0;
        int bundles = 0;
        for (Path f : files) {
            ExplainReport all = Tpc.explain(new ExplainRequest(f, Optional.empty(), Arch.X86_64, List.of(), f.getParent()));
            List<Explanation> explanations = new ArrayList<>(all.explanations());
            if (explanations.isEmpty()) {
                // refused on some target: compile for each target on its own, where it may be accepted
                for (String target : TargetProfiles.names()) {
                    explanations.addAll(Tpc.explain(new ExplainRequest(f, Optional.of(target), Arch.X86_64, List.of(),
                            f.getParent())).explanations());
                }
            }
            if (explanations.isEmpty()) {
                String why = all.check().map(c -> c.diagnostics().filter(d -> d.severity() == dev.tpc.diag.Severity.ERROR)
                        .map(d -> d.code()).findFirst().orElse("none")).orElse("none");
                notCompiled.merge(why, 1, Integer::sum);
                continue;
            }
            ParsedFile parsed = new YamlReader().read(f, f.getFileName().toString());
            for (Explanation e : explanations) {
                bundles++;
                YamlDocument doc = parsed.documents().stream().filter(d -> d.ordinal() == e.manifest().document())
                        .findFirst().orElseThrow();
                TracingPolicy model = validator.judge(doc).schema().model();
                for (Explanation.Target t : e.targets()) {
                    TargetProfile profile = TargetProfiles.named(t.target().name()).orElseThrow();
                    LoweredPolicy lowered = Lowering.lower(model, LoweringTarget.of(profile));
                    List<AttachPoint> aps = lowered.attachPoints();
                    if (aps.size() != t.hooks().size()) {
                        failures.add(f.getFileName() + " " + t.target().name() + ": " + aps.size() + " attach points, "
                                + t.hooks().size() + " hooks in the bundle");
                        continue;
                    }
                    for (int i = 0; i < aps.size(); i++) {
                        hooks++;
                        Explanation.Hook h = t.hooks().get(i);
                        if (!(h.decoded() instanceof Decoder.Result.Decoded d)) {
                            failures.add(f.getFileName() + " " + t.target().name() + " " + h.config().name() + ": " + h.decoded());
                        } else if (!d.hook().equals(Decoder.expected(aps.get(i)))) {
                            failures.add(f.getFileName() + " " + t.target().name() + " " + h.config().name()
                                    + ":\n  policy  " + Decoder.expected(aps.get(i)) + "\n  bundle  " + d.hook());
                        }
                    }
                }
            }
        }
        System.out.println("round trip through bundles: " + hooks + " hooks of " + bundles + " bundles decoded to the"
                + " policy's normal form; files without a bundle on any target, by first error: " + notCompiled);
        assertTrue(bundles > 60, "most example and corpus policies compile: " + bundles);
        assertTrue(hooks > 500, "the corpus compiles to hundreds of hooks: " + hooks);
        assertEquals(List.of(), failures, String.join("\n", failures));
    }

    static List<Path> yamlFiles(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
    }
}
