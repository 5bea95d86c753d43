package dev.tpc.validate.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tpc.target.Arch;
import dev.tpc.target.TargetProfiles;
import dev.tpc.target.Targets;
import dev.tpc.validate.PolicyValidator;
import dev.tpc.yaml.YamlReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** rateLimit is a uint32 (strconv.ParseUint(s, 10, 32)) with an optional s, m or h suffix. */
class RateLimitTest {
    private static List<String> codes(String rateLimit) {
        String policy = """
                apiVersion: cilium.io/v1alpha1
                kind: TracingPolicy
                metadata:
                  name: t
                spec:
                  kprobes:
                  - call: sys_openat
                    selectors:
                    - matchActions:
                      - action: Post
                        rateLimit: "%s"
                """.formatted(rateLimit);
        var doc = new YamlReader().readText(policy, "p.yaml").documents().get(0);
        return new PolicyValidator(new Targets(TargetProfiles.all(), Arch.X86_64)).validate(doc)
                .diagnostics().stream().map(d -> d.code()).toList();
    }

    @Test
    void theNumberMustFitAUint32() {
        assertEquals(List.of(), codes("4294967295"));
        assertEquals(List.of(), codes("4294967295h"), "the product is capped, not refused");
        assertEquals(List.of("TP3204"), codes("4294967296"));
        assertEquals(List.of("TP3204"), codes("99999999999m"));
    }

    @Test
    void aSuffixNeedsANumber() {
        assertEquals(List.of(), codes("1M"));
        assertEquals(List.of("TP3204"), codes("m"));
        assertEquals(List.of("TP3204"), codes("+5s"));
    }
}
