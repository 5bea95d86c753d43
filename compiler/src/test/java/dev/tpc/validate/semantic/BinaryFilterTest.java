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
 * matchBinaries as Tetragon's ParseMatchBinary reads it: path limits count bytes (Go's len), and
 * an entry without values is dropped before its operator and followChildren are looked at.
 */
class BinaryFilterTest {
    private static List<String> codes(String binaries) {
        String policy = """
                apiVersion: cilium.io/v1alpha1
                kind: TracingPolicy
                metadata:
                  name: t
                spec:
                  kprobes:
                  - call: sys_openat
                    selectors:
                    - matchBinaries:
                """ + binaries;
        var doc = new YamlReader().readText(policy, "p.yaml").documents().get(0);
        return new PolicyValidator(new Targets(TargetProfiles.all(), Arch.X86_64)).validate(doc)
                .diagnostics().stream().map(d -> d.code() + d.targets()).toList();
    }

    private static String entry(String operator, String value) {
        return "      - operator: " + operator + "\n        values: [\"" + value + "\"]\n";
    }

    @Test
    void pathLimitsCountUtf8Bytes() {
        String ascii = "/" + "a".repeat(254);
        String wide = "/" + "é".repeat(128);   // 128 characters, 257 bytes
        assertEquals(List.of(), codes(entry("In", ascii)));
        assertEquals(List.of("TP3235[]"), codes(entry("In", wide)));
        assertEquals(List.of("TP3215[]"), codes(entry("Postfix", "é".repeat(64))), "128 bytes is over the postfix limit");
        assertEquals(List.of("TP3214[]"), codes(entry("Prefix", "/" + "é".repeat(128))));
    }

    @Test
    void anEntryWithoutValuesIsOnlyAWarning() {
        assertEquals(List.of("TP5004[]"), codes("      - operator: Prefix\n        values: []\n        followChildren: true\n"));
    }
}
