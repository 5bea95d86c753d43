package dev.tpc.encode;

import dev.tpc.lower.LoweredPolicy;
import dev.tpc.lower.Lowering;
import dev.tpc.lower.LoweringTarget;
import dev.tpc.model.TracingPolicy;
import dev.tpc.target.Arch;
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

    static LoweringTarget target(String kernel) {
        return LoweringTarget.of(kernel, Arch.X86_64);
    }

    static EncodingVariant variant(String kernel) {
        return EncodingVariant.forKernel(kernel);
    }

    /**
     * Tetragon attaches kprobes with kprobe_multi where the kernel has it (Debian's 6.12 and 7.2
     * kernels of the corpus) unless the policy's option {@code disable-kprobe-multi} is true.
     */
    Layout layout(String file, String kernel) {
        boolean kernelHasMulti = kernel.equals("6.12") || kernel.equals("7.2");
        boolean disabled = policy(file).map(p -> p.spec() != null && p.spec().options().stream()
                .anyMatch(o -> "disable-kprobe-multi".equals(o.name()) && "true".equalsIgnoreCase(String.valueOf(o.value()))))
                .orElse(false);
        return kernelHasMulti && !disabled ? Layout.KPROBE_MULTI : Layout.SINGLE_HOOK;
    }

    Optional<LoweredPolicy> lowered(String file, String kernel) {
        return policy(file).map(p -> Lowering.lower(p, target(kernel)));
    }
}
