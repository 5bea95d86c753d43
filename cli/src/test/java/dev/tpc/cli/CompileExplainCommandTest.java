package dev.tpc.cli;

import dev.tpc.testing.RepoFiles;
import dev.tpc.testing.SharedData;
import dev.tpc.testing.Skip;
import static dev.tpc.cli.InProcess.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.cli.InProcess.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code tpc compile} and {@code tpc explain}: exit codes, outputs, refusals, and the corpus' own bytes. */
class CompileExplainCommandTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Path examples() {
        return RepoFiles.resolve("examples/policies");
    }

    static Path shared() {
        Path p = SharedData.root();
        if (!Files.isRegularFile(p.resolve("corpus/verdicts.jsonl"))) {
            Skip.because(Skip.Kind.SHARED, "Tetragon's corpus not found at " + p + " (set -Dtpc.shared=DIR or TPC_SHARED=DIR)");
        }
        return p;
    }

    @Test
    void compileWritesBundlesAndExitsZero(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Run r = run("compile", "--color", "never", examples().resolve("lseek-integer-filters.yaml").toString(),
                examples().resolve("kill-cat-reading-shadow.yaml").toString(), "-o", out.toString(), "--target", "6.1,6.12");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(Files.isRegularFile(out.resolve("lseek-integer-filters.tpb")));
        assertTrue(r.out().contains("2 bundles written, 0 up to date"), r.out());
        Run again = run("compile", "--color", "never", examples().resolve("lseek-integer-filters.yaml").toString(), "-o",
                out.toString(), "--target", "6.1,6.12");
        assertTrue(again.out().contains("0 bundles written, 1 up to date"), again.out());
    }

    /** A policy that passes the check but that tpc cannot lower: a uprobe path relative to Tetragon's working directory. */
    private static Path unlowerable(Path dir) throws java.io.IOException {
        Path p = dir.resolve("uprobe-relative.yaml");
        java.nio.file.Files.writeString(p, """
                apiVersion: cilium.io/v1alpha1
                kind: TracingPolicy
                metadata:
                  name: uprobe-relative
                spec:
                  uprobes:
                  - path: "bin/bash"
                    symbols: [readline]
                """);
        return p;
    }

    @Test
    void compileExitCodes(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Run failing = run("compile", "--color", "never", unlowerable(dir).toString(), "-o", out.toString());
        assertEquals(1, failing.exit(), failing.out());
        assertTrue(failing.out().contains("error[TP9001]"), failing.out());
        assertTrue(failing.out().contains("0 bundles written"), failing.out());
        assertEquals(2, run("compile", examples().resolve("lseek-integer-filters.yaml").toString()).exit(), "-o is required");
        Run unknownTarget = run("compile", examples().resolve("lseek-integer-filters.yaml").toString(), "-o", out.toString(),
                "--target", "4.4");
        assertEquals(2, unknownTarget.exit());
        assertTrue(unknownTarget.err().contains("tpc compile:"), unknownTarget.err());
        assertEquals(2, run("compile", dir.resolve("missing.yaml").toString(), "-o", out.toString()).exit());
        assertEquals(2, run("compile", examples().resolve("lseek-integer-filters.yaml").toString(), "-o", out.toString(),
                "--tracepoint-format", dir.resolve("none").toString()).exit());
        Path file = Files.writeString(dir.resolve("a-file"), "");
        Run intoAFile = run("compile", examples().resolve("lseek-integer-filters.yaml").toString(), "-o", file.toString());
        assertEquals(2, intoAFile.exit());
        assertEquals("tpc compile: the output directory " + file + " is a regular file", intoAFile.err().strip());
        Run explainAFolder = run("explain", dir.toString());
        assertEquals(2, explainAFolder.exit());
        assertEquals("tpc explain: " + dir + " is a directory, not a bundle or a policy file", explainAFolder.err().strip());
    }

    @Test
    void compileJsonNamesEachDocumentsBundle(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Run r = run("compile", "--format", "json", examples().resolve("lseek-integer-filters.yaml").toString(),
                unlowerable(dir).toString(), "-o", out.toString(), "--target", "6.12");
        assertEquals(1, r.exit());
        List<JsonNode> lines = r.out().lines().map(JSON::readTree).toList();
        assertEquals(2, lines.size(), r.out());
        JsonNode lseek = lines.stream().filter(l -> l.get("name").asString().equals("lseek-integer-filters")).findFirst().orElseThrow();
        JsonNode bundle = lseek.get("bundle");
        assertEquals(sha256(out.resolve("lseek-integer-filters.tpb")), bundle.get("sha256").asString());
        assertFalse(bundle.get("upToDate").asBoolean());
        JsonNode uprobe = lines.stream().filter(l -> l.get("name").asString().equals("uprobe-relative")).findFirst().orElseThrow();
        assertTrue(uprobe.get("bundle").isNull());
        assertEquals("TP9001", uprobe.get("diagnostics").get(0).get("code").asString());
    }

    @Test
    void explainShowsSelectorsOfABundleOrOfAPolicy(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        assertEquals(0, run("compile", examples().resolve("kill-cat-reading-shadow.yaml").toString(), "-o", out.toString()).exit());
        Run bundle = run("explain", out.resolve("kill-cat-reading-shadow.tpb").toString(), "--target", "6.12");
        assertEquals(0, bundle.exit(), bundle.out() + bundle.err());
        assertTrue(bundle.out().contains("matchBinaries: In [/usr/bin/cat]"), bundle.out());
        assertTrue(bundle.out().contains("matchArgs: arg 0 (string) Postfix [shadow]"), bundle.out());
        assertTrue(bundle.out().contains("matchActions: Sigkill"), bundle.out());
        assertFalse(bundle.out().contains("target 5.10"), "--target limits the output");

        Run policy = run("explain", examples().resolve("kill-cat-reading-shadow.yaml").toString(), "--target", "6.12");
        assertEquals(0, policy.exit(), policy.out());
        assertEquals(selectorsOf(bundle.out()), selectorsOf(policy.out()), "a policy explains like its bundle");

        Run missingTarget = run("explain", "--format", "json", out.resolve("kill-cat-reading-shadow.tpb").toString(), "--target", "4.19");
        assertEquals(1, missingTarget.exit());
        assertEquals("TP9109", JSON.readTree(missingTarget.out()).get("diagnostics").get(0).get("code").asString());

        Path broken = Files.writeString(dir.resolve("broken.yaml"), "apiVersion: cilium.io/v1alpha1\nkind: TracingPolicy\n"
                + "metadata:\n  name: x\nspec:\n  kprobes:\n  - call: sys_write\n    selectors:\n    - matchActions:\n"
                + "      - action: Nope\n");
        Run invalid = run("explain", "--color", "never", broken.toString());
        assertEquals(1, invalid.exit(), invalid.out());
        assertTrue(invalid.out().contains("error[TP"), invalid.out());
        assertEquals(2, run("explain", dir.resolve("nothing-here.tpb").toString()).exit());
    }

    @Test
    void aTamperedBundleIsRefusedWithADiagnosticNotAStackTrace(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        assertEquals(0, run("compile", examples().resolve("lseek-integer-filters.yaml").toString(), "-o", out.toString(),
                "--target", "6.12").exit());
        byte[] good = Files.readAllBytes(out.resolve("lseek-integer-filters.tpb"));
        int[] positions = {0, 100, good.length / 2, good.length - 70, good.length - 1};
        for (int at : positions) {
            byte[] bad = good.clone();
            bad[at] ^= 0x20;
            Path file = Files.write(dir.resolve("tampered-" + at + ".tpb"), bad);
            Run text = run("explain", file.toString());
            assertEquals(1, text.exit(), "byte " + at);
            assertTrue(text.out().startsWith("error[TP91"), text.out());
            assertFalse((text.out() + text.err()).contains("Exception") || (text.out() + text.err()).contains("\tat "),
                    text.out() + text.err());
            Run json = run("explain", "--format", "json", file.toString());
            assertEquals(1, json.exit());
            JsonNode o = JSON.readTree(json.out());
            assertFalse(o.get("ok").asBoolean());
            assertTrue(o.get("diagnostics").get(0).get("code").asString().startsWith("TP91"));
            assertEquals(0, o.get("bundles").size());
        }
        Run notABundle = run("explain", Files.write(dir.resolve("garbage.tpb"), new byte[] {'P', 'K', 3, 4, 9}).toString());
        assertEquals(1, notABundle.exit());
        assertTrue(notABundle.out().startsWith("error[TP9101]"), notABundle.out());
    }

    /**
     * {@code tpc explain --format json} prints each hook's filter blob the way Tetragon's verdicts do.
     * On 5.10 Tetragon used its single-hook layout, as tpc's bundles do, so every blob of every
     * corpus policy that tpc compiles for 5.10 must equal Tetragon's, byte for byte.
     */
    @Test
    void explainJsonBlobsAreTetragonsOnCorpusPolicies(@TempDir Path dir) throws Exception {
        Path corpus = shared().resolve("corpus");
        Map<String, List<String[]>> expected = new TreeMap<>();
        for (String line : Files.readAllLines(corpus.resolve("verdicts.jsonl"))) {
            JsonNode v = JSON.readTree(line);
            if (!v.get("kernel").asString().equals("5.10") || !v.get("accepted").asBoolean() || !v.has("hooks")) {
                continue;
            }
            List<String[]> hooks = new ArrayList<>();
            boolean usable = true;
            for (JsonNode h : v.get("hooks").values()) {
                usable &= !h.has("node_dependent") && "sensor".equals(h.get("source").asString()) && h.has("blob");
                if (usable) {
                    hooks.add(new String[] {h.get("name").asString(), h.get("blob").asString()});
                }
            }
            if (usable && hooks.stream().anyMatch(h -> !h[1].isEmpty())) {
                expected.put(v.get("file").asString(), hooks);
            }
        }
        int files = 0;
        int hooks = 0;
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, List<String[]>> e : expected.entrySet()) {
            Run r = run("explain", "--format", "json", "--target", "5.10", corpus.resolve("upstream").resolve(e.getKey()).toString());
            if (r.exit() != 0) {
                continue; // tpc does not compile it (uprobes, node-generated lists): nothing to compare
            }
            files++;
            JsonNode target = JSON.readTree(r.out()).get("bundles").get(0).get("targets").get(0);
            assertEquals("5.10", target.get("target").asString());
            // by name, in order: Tetragon skips functions its kernel lacks, and expands lists only the node knows
            Map<String, java.util.ArrayDeque<String>> ours = new TreeMap<>();
            String generated = null;
            for (JsonNode h : target.get("hooks").values()) {
                String name = h.get("name").asString();
                ours.computeIfAbsent(name, k -> new java.util.ArrayDeque<>()).add(h.get("blob").asString());
                if (name.startsWith("list:")) {
                    generated = h.get("blob").asString();
                }
            }
            for (String[] theirs : e.getValue()) {
                java.util.ArrayDeque<String> q = ours.get(theirs[0]);
                String blob = q != null && !q.isEmpty() ? q.poll() : generated;
                hooks++;
                if (!theirs[1].equals(blob)) {
                    mismatches.add(e.getKey() + " " + theirs[0] + "\n  Tetragon " + theirs[1] + "\n  tpc      " + blob);
                }
            }
        }
        System.out.println("explain --format json: " + hooks + " hooks of " + files + " corpus policies equal Tetragon's 5.10 blobs");
        assertTrue(files >= 10, "at least ten corpus policies compared, got " + files);
        assertEquals(List.of(), mismatches, String.join("\n", mismatches));
    }

    private static List<String> selectorsOf(String explainText) {
        return explainText.lines().filter(l -> l.startsWith("        ") || l.startsWith("      selector")).toList();
    }

    private static String sha256(Path p) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
