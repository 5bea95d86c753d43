package dev.tpc.validate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.api.CheckReport;
import dev.tpc.api.CheckRequest;
import dev.tpc.api.FileReport;
import dev.tpc.api.Tpc;
import dev.tpc.diag.Diagnostic;
import dev.tpc.diag.Severity;
import dev.tpc.target.Arch;
import dev.tpc.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The acceptance test: tpc's verdict on every upstream policy and kernel must equal
 * Tetragon's wherever Tetragon's verdict is knowable offline (accepted, or refused for a
 * {@code static} or {@code kernel} reason), and each refusal must come from the rule that
 * matches Tetragon's error. {@code btf} and {@code environment} verdicts are left out.
 */
class CorpusAgreementTest {

    /** Which of tpc's codes explains a Tetragon error, found by a fragment of Tetragon's text. */
    private static final Map<String, String> EXPECTED_CODE = new LinkedHashMap<>();

    static {
        EXPECTED_CODE.put("unknown field", "TP1");
        EXPECTED_CODE.put("did not find expected key", "TP0004");
        EXPECTED_CODE.put("unknown CRD kind", "TP0008");
        EXPECTED_CODE.put("metadata.namespace: Required value", "TP1");
        EXPECTED_CODE.put("${PODCIDR}", "TP3218");
        EXPECTED_CODE.put("loader event are not supported", "TP4007");
        EXPECTED_CODE.put("with kprobe_multi, use --disable-kprobe-multi", "TP4003");
        EXPECTED_CODE.put("bpf_override_return helper not available", "TP4001");
        EXPECTED_CODE.put("no override helper or mod_ret support", "TP4005");
        EXPECTED_CODE.put("argument type is not syscall64", "TP3221");
        EXPECTED_CODE.put("out of bounds", "TP3103");
    }

    private record Verdict(String file, String kernel, boolean accepted, String category, String error) {}

    @Test
    void tpcAgreesWithTetragonOnTheUpstreamCorpus() throws Exception {
        Path shared = SharedData.require();
        Path upstream = shared.resolve("corpus/upstream");
        List<Verdict> verdicts = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(shared.resolve("corpus/verdicts.jsonl"))) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = json.readTree(line);
            verdicts.add(new Verdict(n.get("file").asString(), n.get("kernel").asString(), n.get("accepted").asBoolean(),
                    n.has("category") ? n.get("category").asString() : "", n.has("error") ? n.get("error").asString() : ""));
        }
        Map<String, FileReport> reports = new TreeMap<>();
        Map<String, int[]> perKernel = new TreeMap<>(); // agree, compared, excluded
        List<String> disagreements = new ArrayList<>();
        List<String> wrongRule = new ArrayList<>();
        for (Verdict v : verdicts) {
            int[] counts = perKernel.computeIfAbsent(v.kernel(), k -> new int[3]);
            if (v.category().equals("btf") || v.category().equals("environment")) {
                counts[2]++;
                continue;
            }
            FileReport report = reports.computeIfAbsent(v.file(), f -> check(upstream, f));
            boolean ours = report.accepted().get(v.kernel());
            counts[1]++;
            if (ours == v.accepted()) {
                counts[0]++;
            } else {
                disagreements.add(v.file() + " on " + v.kernel() + ": Tetragon " + (v.accepted() ? "accepts" : "refuses (" + v.error() + ")")
                        + ", tpc " + (ours ? "accepts" : "refuses: " + errors(report, v.kernel())));
            }
            if (!v.accepted() && !ours) {
                Optional<String> code = EXPECTED_CODE.entrySet().stream().filter(e -> v.error().contains(e.getKey()))
                        .map(Map.Entry::getValue).findFirst();
                boolean right = code.isPresent() && report.allDiagnostics()
                        .filter(d -> d.appliesTo(v.kernel()) && (d.severity() == Severity.ERROR || d.code().equals("TP0008")))
                        .anyMatch(d -> d.code().startsWith(code.get()));
                if (!right) {
                    wrongRule.add(v.file() + " on " + v.kernel() + ": Tetragon says \"" + v.error() + "\" (expected "
                            + code.orElse("a known code") + "), tpc: " + errors(report, v.kernel()));
                }
            }
        }
        System.out.println("tpc against Tetragon's verdicts (btf and environment verdicts excluded):");
        System.out.printf("  %-8s %8s %8s %8s %9s%n", "kernel", "agree", "compared", "excluded", "agreement");
        int agree = 0;
        int compared = 0;
        for (var e : perKernel.entrySet()) {
            int[] c = e.getValue();
            agree += c[0];
            compared += c[1];
            System.out.printf("  %-8s %8d %8d %8d %8.1f%%%n", e.getKey(), c[0], c[1], c[2], 100.0 * c[0] / Math.max(1, c[1]));
        }
        System.out.printf("  %-8s %8d %8d %8s %8.1f%%%n", "all", agree, compared, "", 100.0 * agree / Math.max(1, compared));
        disagreements.forEach(d -> System.out.println("  DISAGREE " + d));
        wrongRule.forEach(d -> System.out.println("  WRONG RULE " + d));
        // an empty or truncated verdicts file must not pass as "no disagreement"
        assertTrue(compared >= 300, "only " + compared + " verdicts compared; is corpus/verdicts.jsonl complete?");
        assertTrue(disagreements.isEmpty(), disagreements.size() + " disagreements with Tetragon:\n" + String.join("\n", disagreements));
        assertTrue(wrongRule.isEmpty(), wrongRule.size() + " refusals for the wrong reason:\n" + String.join("\n", wrongRule));
    }

    private static FileReport check(Path upstream, String file) {
        try {
            CheckRequest request = new CheckRequest(List.of(upstream.resolve(file)), List.of(), Arch.X86_64, Optional.empty(), upstream);
            CheckReport report = Tpc.check(request);
            return report.files().get(0);
        } catch (Exception e) {
            throw new AssertionError("tpc could not check " + file, e);
        }
    }

    private static List<Diagnostic> errorsOf(FileReport report, String kernel) {
        return report.allDiagnostics().filter(d -> d.severity() == Severity.ERROR && d.appliesTo(kernel)).toList();
    }

    private static String errors(FileReport report, String kernel) {
        List<String> out = errorsOf(report, kernel).stream().map(d -> d.code() + " " + d.message()).toList();
        return out.isEmpty() ? "(no error; a non-policy document?)" : String.join(" | ", out);
    }
}
