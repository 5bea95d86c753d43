package dev.tpc.validate.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tpc.target.Arch;
import dev.tpc.target.TargetProfiles;
import dev.tpc.target.Targets;
import dev.tpc.validate.PolicyValidator;
import dev.tpc.yaml.YamlReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tetragon measures a hook's message and tags with Go's len(), in UTF-8 bytes: one non-ASCII
 * character of two bytes is long enough, and 200 two-byte characters are over the 256 limit.
 */
class MessageAndTagRulesTest {
    private static List<String> codes(String hookExtras) {
        String policy = """
                apiVersion: cilium.io/v1alpha1
                kind: TracingPolicy
                metadata:
                  name: t
                spec:
                  kprobes:
                  - call: sys_openat
                """ + hookExtras;
        var doc = new YamlReader().readText(policy, "p.yaml").documents().get(0);
        return new PolicyValidator(new Targets(TargetProfiles.all(), Arch.X86_64)).validate(doc)
                .diagnostics().stream().map(d -> d.code()).toList();
    }

    @Test
    void aTwoByteCharacterIsNotATooShortMessage() {
        assertEquals(List.of(), codes("    message: \"é\"\n"));
        assertEquals(List.of("TP3016"), codes("    message: \"x\"\n"));
    }

    @Test
    void aMessageIsTruncatedAfter256Bytes() {
        assertEquals(List.of("TP5009"), codes("    message: \"" + "é".repeat(129) + "\"\n"));
        assertEquals(List.of(), codes("    message: \"" + "é".repeat(128) + "\"\n"));
    }

    @Test
    void tagsAreMeasuredInBytesToo() {
        assertEquals(List.of(), codes("    tags: [\"é\"]\n"));
        assertEquals(List.of("TP3017"), codes("    tags: [\"x\"]\n"));
        assertEquals(List.of("TP5010"), codes("    tags: [\"" + "é".repeat(65) + "\"]\n"));
        assertEquals(List.of(), codes("    tags: [\"" + "é".repeat(64) + "\"]\n"));
    }
}
