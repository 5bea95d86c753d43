package dev.tpc.encode;

import dev.tpc.lower.LoweredPolicy;
import dev.tpc.lower.Lowering;
import dev.tpc.lower.LoweringTarget;
import dev.tpc.model.TracingPolicy;
import dev.tpc.target.TargetProfile;
import dev.tpc.target.TargetProfiles;
import dev.tpc.yaml.MappingNode;
import dev.tpc.yaml.ParsedFile;
import dev.tpc.yaml.YamlDocument;
import dev.tpc.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads ../shared/corpus: Tetragon's verdicts and the upstream policies, lowered per kernel. */
final class Corpus {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path root;
    private final Map<String, Optional<TracingPolicy>> policies = new HashMap<>();

    Corpus(Path shared) {
        this.root = shared.resolve("corpus");
    }

    /** One hook Tetragon reported. */
    record Hook(String file, String kernel, String kind, String name, String source, String blob, String retBlob,
                String eventConfig, boolean nodeDependent, boolean hasRetBlob, String error) {}

    /** One (file, kernel) row. */
    record Verdict(String file, String kernel, boolean accepted, List<Hook> hooks) {}

    List<Verdict> verdicts() throws IOException {
        List<Verdict> out = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve("verdicts.jsonl"))) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode r = JSON.readTree(line);
            List<Hook> hooks = new ArrayList<>();
            JsonNode hs = r.get("hooks");
            if (hs != null) {
                for (JsonNode h : hs.values()) {
                    hooks.add(new Hook(r.get("file").asString(), r.get("kernel").asString(), text(h, "kind"),
                            text(h, "name"), text(h, "source"), text(h, "blob"), text(h, "ret_blob"),
                            text(h, "event_config"), h.has("node_dependent") && h.get("node_dependent").asBoolean(),
                            h.has("ret_blob"), text(h, "error")));
                }
            }
            out.add(new Verdict(r.get("file").asString(), r.get("kernel").asString(), r.get("accepted").asBoolean(), hooks));
        }
        return out;
    }

    private static String text(JsonNode h, String key) {
        JsonNode n = h.get(key);
        return n == null || n.isNull() ? null : n.asString();
    }

    /** The first TracingPolicy document of an upstream file, bound to the model. */
    Optional<TracingPolicy> policy(String file) {
        return policies.computeIfAbsent(file, f -> {
            ParsedFile parsed = new YamlReader().read(root.resolve("upstream").resolve(f), f);
            for (YamlDocument d : parsed.documents()) {
                if (d.root() instanceof MappingNode m && m.get("kind").isPresent()) {
                    return Optional.ofNullable(TracingPolicy.from(m));
                }
            }
            return Optional.empty();
        });
    }

    static TargetProfile profile(String kernel) {
        return TargetProfiles.named(kernel).orElseThrow(() -> new AssertionError("no built-in profile " + kernel));
    }

    static LoweringTarget target(String kernel) {
        return LoweringTarget.of(profile(kernel));
    }

    static EncodingVariant variant(String kernel) {
        return EncodingVariant.of(profile(kernel));
    }

    /** The layout Tetragon used in the corpus guests: from the profile's kprobe_multi and the policy's options. */
    Layout layout(String file, String kernel) {
        return lowered(file, kernel).map(l -> Layout.tetragon(profile(kernel), l)).orElse(Layout.SINGLE_HOOK);
    }

    Optional<LoweredPolicy> lowered(String file, String kernel) {
        return policy(file).map(p -> Lowering.lower(p, target(kernel)));
    }
}
