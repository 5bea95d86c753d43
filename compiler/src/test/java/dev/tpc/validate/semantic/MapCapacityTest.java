package dev.tpc.validate.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tpc.diag.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TP5018 names the kind of inner map that overflows and points at the first filter beyond the eighth. */
class MapCapacityTest {
    private static final String HEAD = """
            apiVersion: cilium.io/v1alpha1
            kind: TracingPolicy
            metadata:
              name: t
            spec:
              kprobes:
              - call: sys_openat
                args:
                - index: 1
                  type: string
                - index: 2
                  type: int
                selectors:
            """;

    private static String filter(String operator, String value) {
        return "      - index: " + (operator.equals("InMap") ? 2 : 1) + "\n        operator: " + operator + "\n        values: [\"" + value + "\"]\n";
    }

    private static List<Diagnostic> capacity(String selectors) {
        return Checked.findings(HEAD + selectors).stream().filter(d -> d.code().equals("TP5018")).toList();
    }

    @Test
    void pointsAtTheNinthFilterOfTheKindThatOverflows() {
        StringBuilder s = new StringBuilder("    - matchArgs:\n");
        for (int i = 0; i < 5; i++) {
            s.append(filter("Prefix", "/p" + i));
        }
        s.append("    - matchArgs:\n");
        for (int i = 5; i < 9; i++) {
            s.append(filter("Prefix", "/p" + i));
        }
        s.append("    - matchArgs:\n").append(filter("InMap", "1"));
        List<Diagnostic> found = capacity(s.toString());
        assertEquals(1, found.size(), found.toString());
        Diagnostic d = found.get(0);
        assertEquals("the hook uses 9 prefix maps, but the BPF programs hold 8", d.message());
        // the ninth Prefix filter is the fourth of the second selector (line 30), not the InMap after it
        assertEquals(40, d.span().line());
    }

    @Test
    void everyKindThatOverflowsIsReported() {
        StringBuilder s = new StringBuilder();
        for (int sel = 0; sel < 2; sel++) {
            s.append("    - matchArgs:\n");
            for (int i = 0; i < 5; i++) {
                s.append(filter(i % 2 == 0 ? "Postfix" : "NotPostfix", "x" + i));
            }
        }
        for (int sel = 0; sel < 2; sel++) {
            s.append("    - matchArgs:\n");
            for (int i = 0; i < 5; i++) {
                s.append(filter("Prefix", "/p" + i));
            }
        }
        List<String> messages = capacity(s.toString()).stream().map(Diagnostic::message).toList();
        assertEquals(List.of("the hook uses 10 postfix maps, but the BPF programs hold 8",
                "the hook uses 10 prefix maps, but the BPF programs hold 8"), messages);
    }
}
