package dev.tpc.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.lower.AttachPoint;
import dev.tpc.lower.AttachTarget;
import dev.tpc.lower.Bytes;
import dev.tpc.lower.LoweredPolicy;
import dev.tpc.testing.SharedData;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every hook of Tetragon's verdicts that carries a filter blob, re-derived by tpc from the
 * upstream policy: parse → model → lowering (per kernel) → encoding, compared byte for byte
 * with what Tetragon's agent built in a guest of that kernel.
 */
class CorpusConformanceTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void everyCorpusBlobIsByteIdentical() throws Exception {
        Corpus corpus = new Corpus(SharedData.require());
        Map<String, int[]> perKernel = new TreeMap<>();
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        int identical = 0;
        int nodeDependent = 0;
        for (Corpus.Verdict v : corpus.verdicts()) {
            List<Corpus.Hook> withBlob = v.hooks().stream().filter(h -> h.blob() != null).toList();
            if (withBlob.isEmpty()) {
                continue;
            }
            Optional<LoweredPolicy> lowered = corpus.lowered(v.file(), v.kernel());
            Map<String, Deque<AttachPoint>> byName = new LinkedHashMap<>();
            Map<AttachPoint, EncodeResult> encoded = new java.util.IdentityHashMap<>();
            AttachPoint generated = null;
            if (lowered.isPresent()) {
                List<AttachPoint> aps = lowered.get().attachPoints();
                List<EncodeResult> results = Encoder.encodeAll(aps, Corpus.variant(v.kernel()),
                        corpus.layout(v.file(), v.kernel()));
                for (int i = 0; i < aps.size(); i++) {
                    encoded.put(aps.get(i), results.get(i));
                }
                for (AttachPoint ap : aps) {
                    byName.computeIfAbsent(ap.name(), n -> new ArrayDeque<>()).add(ap);
                    if (ap.target() instanceof AttachTarget.NodeGeneratedFunctions) {
                        generated = ap;
                    }
                }
            }
            for (Corpus.Hook h : withBlob) {
                compared++;
                int[] k = perKernel.computeIfAbsent(v.kernel(), x -> new int[2]);
                k[0]++;
                if (h.nodeDependent()) {
                    nodeDependent++;
                }
                String where = v.kernel() + " " + v.file() + " " + h.name() + " (" + h.source() + ")";
                Deque<AttachPoint> q = byName.get(h.name());
                if (q == null && "encoder".equals(h.source())) {
                    q = byName.get("__x64_" + h.name()); // the encoder was called with the policy's call
                }
                AttachPoint ap = q != null && !q.isEmpty() ? q.poll() : generated;
                if (ap == null) {
                    mismatches.add(where + ": no attach point; lowering problems: "
                            + lowered.map(LoweredPolicy::problems).orElse(List.of()));
                    continue;
                }
                String diff = compare(h, encoded.get(ap));
                if (diff == null) {
                    identical++;
                    k[1]++;
                } else {
                    mismatches.add(where + ": " + diff);
                }
            }
        }
        StringBuilder report = new StringBuilder("corpus conformance: " + compared + " hooks with a blob compared, "
                + identical + " byte-identical (" + nodeDependent + " node-dependent, compared after patching)\n");
        perKernel.forEach((kernel, c) -> report.append("  kernel ").append(kernel).append(": ").append(c[1])
                .append("/").append(c[0]).append(" identical\n"));
        mismatches.forEach(m -> report.append("  MISMATCH ").append(m).append('\n'));
        System.out.print(report);
        assertTrue(compared > 1000, "the corpus should hold well over a thousand hooks with a blob");
        assertEquals(List.of(), mismatches, report.toString());
    }

    /** Where Tetragon's encoder refused a hook, tpc refuses it too, with the same words. */
    @Test
    void refusalsMatchTetragons() throws Exception {
        Corpus corpus = new Corpus(SharedData.require());
        int refusals = 0;
        for (Corpus.Verdict v : corpus.verdicts()) {
            for (Corpus.Hook h : v.hooks()) {
                if (h.blob() != null || h.error() == null || h.error().isEmpty()) {
                    continue;
                }
                refusals++;
                LoweredPolicy lowered = corpus.lowered(v.file(), v.kernel()).orElseThrow();
                List<String> ours = new ArrayList<>();
                lowered.problems().forEach(p -> ours.add(p.message()));
                for (EncodeResult r : Encoder.encodeAll(lowered.attachPoints(), Corpus.variant(v.kernel()),
                        corpus.layout(v.file(), v.kernel()))) {
                    if (r instanceof EncodeResult.Refused f) {
                        ours.add(f.message());
                    }
                }
                assertTrue(ours.contains(h.error()), v.kernel() + " " + v.file() + ": Tetragon said '" + h.error()
                        + "', tpc said " + ours);
            }
        }
        System.out.println("corpus refusals: " + refusals + " hooks refused by Tetragon's encoder, refused by tpc with the same message");
        assertTrue(refusals > 0);
    }

    /** Null when identical (after the patches and the agent-id masks); else what differs. */
    static String compare(Corpus.Hook h, EncodeResult result) {
        if (result instanceof EncodeResult.Refused r) {
            return "tpc refused: " + r.message();
        }
        EncodedHook e = ((EncodeResult.Encoded) result).hook();
        byte[] theirs = padded(h.blob());
        byte[] ours = e.filter().toArray();
        for (PatchSite p : e.patches()) {
            if (p.region() == PatchSite.Region.FILTER) {
                System.arraycopy(theirs, p.offset(), ours, p.offset(), p.width());
            }
        }
        String d = diff("blob", trim(theirs), trim(ours));
        if (d != null) {
            return d;
        }
        // the corpus reports a return blob only when it is not all zeros
        if (h.hasRetBlob() && e.returnFilter().isEmpty()) {
            return "return blob: Tetragon has one, tpc has none";
        }
        // the encoder-only runs of the corpus called the entry encoder alone
        boolean retKnown = h.hasRetBlob() || "sensor".equals(h.source());
        if (e.returnFilter().isPresent() && retKnown) {
            byte[] ret = e.returnFilter().get().toArray();
            byte[] theirRet = padded(h.retBlob());
            for (PatchSite p : e.patches()) {
                if (p.region() == PatchSite.Region.RETURN_FILTER) {
                    System.arraycopy(theirRet, p.offset(), ret, p.offset(), p.width());
                }
            }
            d = diff("ret_blob", trim(theirRet), trim(ret));
            if (d != null) {
                return d;
            }
        }
        if (h.eventConfig() != null) {
            byte[] theirCfg = HEX.parseHex(h.eventConfig());
            byte[] ourCfg = e.eventConfig().toArray();
            for (int[] mask : new int[][] {{0, 4}, {100, 104}, {108, 112}}) {
                for (int i = mask[0]; i < mask[1]; i++) {
                    theirCfg[i] = 0;
                    ourCfg[i] = 0;
                }
            }
            d = diff("event_config", theirCfg, ourCfg);
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    private static byte[] padded(String hex) {
        byte[] b = new byte[4096];
        byte[] h = HEX.parseHex(hex == null ? "" : hex);
        System.arraycopy(h, 0, b, 0, Math.min(h.length, b.length));
        return b;
    }

    private static byte[] trim(byte[] b) {
        int n = b.length;
        while (n > 0 && b[n - 1] == 0) {
            n--;
        }
        return java.util.Arrays.copyOf(b, n);
    }

    private static String diff(String what, byte[] theirs, byte[] ours) {
        if (java.util.Arrays.equals(theirs, ours)) {
            return null;
        }
        int i = java.util.Arrays.mismatch(theirs, ours);
        int from = Math.max(0, (i / 4) * 4 - 8);
        return what + " differs at byte " + i + ": Tetragon …" + slice(theirs, from) + "… tpc …" + slice(ours, from)
                + "… (lengths " + theirs.length + "/" + ours.length + ")";
    }

    private static String slice(byte[] b, int from) {
        int to = Math.min(b.length, from + 32);
        return from >= to ? "" : Bytes.of(b, from, to).hex();
    }
}
