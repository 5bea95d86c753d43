package dev.tpc.encode;

import static dev.tpc.encode.Ir.LARGE;
import static dev.tpc.encode.Ir.SMALL;
import static dev.tpc.encode.Ir.encode;
import static dev.tpc.encode.Ir.kprobe;
import static dev.tpc.encode.Ir.longs;
import static dev.tpc.encode.Ir.sel;
import static dev.tpc.encode.Ir.w;
import static dev.tpc.encode.Ir.words;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.lower.CapabilityFilter;
import dev.tpc.lower.CapabilitySet;
import dev.tpc.lower.Capabilities;
import dev.tpc.lower.Namespace;
import dev.tpc.lower.NamespaceChangeFilter;
import dev.tpc.lower.NamespaceFilter;
import dev.tpc.lower.NodeFact;
import dev.tpc.lower.Operator;
import dev.tpc.lower.PidFilter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The process-filter sections, against the byte vectors of Tetragon's {@code kernel_test.go}
 * ({@code TestParseMatchPid}, {@code TestParseMatchNamespaces}, {@code TestParseMatchNamespaceChanges},
 * {@code TestParseMatchCapabilities}).
 */
class ProcessSectionsTest {

    /** Blob words of a single selector: N, off, S0 length, then the sections. */
    private static List<Long> selector(Ir.Sel s) {
        return words(encode(kprobe(List.of(), List.of(s.build(0))), LARGE).filter());
    }

    private static List<Long> expectedSelector(List<Long> pids, List<Long> ns, List<Long> caps, List<Long> nsch,
                                               List<Long> capch) {
        List<Long> body = new ArrayList<>();
        body.addAll(pids);
        body.addAll(ns);
        body.addAll(caps);
        body.addAll(nsch);
        body.addAll(capch);
        body.addAll(w(24, 0, 0, 0, 0, 0)); // empty ARGS
        body.add(4L);                       // empty ACTIONS
        List<Long> out = new ArrayList<>(w(1, 4, 4L * (body.size() + 1)));
        out.addAll(body);
        return out;
    }

    @Test
    void matchPids() {
        Ir.Sel s = sel();
        s.pids = List.of(new PidFilter(Operator.IN, true, true, longs(1, 2, 3)),
                new PidFilter(Operator.NOT_IN, false, false, longs(1, 2, 3, 4)));
        List<Long> pids = w(56, 5, 3, 3, 1, 2, 3, 6, 0, 4, 1, 2, 3, 4);
        assertEquals(expectedSelector(pids, w(4), w(4), w(4), w(4)), selector(s));
    }

    @Test
    void pidFlags() {
        assertEquals(3, new PidFilter(Operator.IN, true, true, List.of()).flags());
        assertEquals(2, new PidFilter(Operator.IN, false, true, List.of()).flags());
        assertEquals(1, new PidFilter(Operator.IN, true, false, List.of()).flags());
        assertEquals(0, new PidFilter(Operator.IN, false, false, List.of()).flags());
    }

    @Test
    void matchNamespaces() {
        Ir.Sel s = sel();
        s.ns = List.of(
                new NamespaceFilter(Namespace.PID, Operator.IN, inodes(1, 2, 3)),
                new NamespaceFilter(Namespace.MNT, Operator.NOT_IN, inodes(1, 2, 3, 4)));
        List<Long> ns = w(56, 3, 5, 3, 1, 2, 3, 2, 6, 4, 1, 2, 3, 4);
        assertEquals(expectedSelector(w(4), ns, w(4), w(4), w(4)), selector(s));
    }

    @Test
    void hostNamespaceIsARelocationNotAGuess() {
        Ir.Sel s = sel();
        s.ns = List.of(new NamespaceFilter(Namespace.NET, Operator.IN,
                List.of(new NamespaceFilter.Inode(7), new NamespaceFilter.HostNamespace())));
        EncodedHook h = encode(kprobe(List.of(), List.of(s.build(0))), LARGE);
        // N, off, len, pids len, ns len, type, op, n, v0, v1 → v1 at word 9
        assertEquals(w(1, 4, 72, 4, 24, 5, 5, 2, 7), words(h.filter()).subList(0, 9));
        assertEquals(0L, words(h.filter()).get(9));
        assertEquals(List.of(new PatchSite(new NodeFact.HostNamespaceInode(Namespace.NET), PatchSite.Region.FILTER, -1, 36, 4)),
                h.patches());
    }

    @Test
    void namespaceLimitsFollowTheProgramSize() {
        Ir.Sel s = sel();
        List<NamespaceFilter> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(new NamespaceFilter(Namespace.UTS, Operator.IN, inodes(1)));
        }
        s.ns = five;
        encode(kprobe(List.of(), List.of(s.build(0))), LARGE);
        assertEquals("parseMatchNamespaces error: matchNamespace supports up to 4 filters (current number of filters is 5)",
                Ir.refusal(kprobe(List.of(), List.of(s.build(0))), SMALL));
        s.ns = List.of(new NamespaceFilter(Namespace.UTS, Operator.IN, inodes(1, 2, 3, 4, 5)));
        assertTrue(Ir.refusal(kprobe(List.of(), List.of(s.build(0))), LARGE).contains("up to 4 values per filter"));
    }

    @Test
    void matchNamespaceChanges() {
        Ir.Sel s = sel();
        s.nsChanges = List.of(new NamespaceChangeFilter(Operator.IN, (1 << Namespace.UTS.id()) | (1 << Namespace.MNT.id())));
        assertEquals(expectedSelector(w(4), w(4), w(4), w(12, 5, 0b101), w(4)), selector(s));
        assertEquals(List.of(Namespace.UTS, Namespace.MNT), s.nsChanges.get(0).namespaces());
        assertEquals("parseMatchNamespaceChanges error: matchNamespaceChanges is only supported in kernels >= 5.3",
                Ir.refusal(kprobe(List.of(), List.of(s.build(0))), SMALL));
    }

    @Test
    void matchCapabilities() {
        Ir.Sel s = sel();
        s.caps = List.of(
                new CapabilityFilter(CapabilitySet.EFFECTIVE, Operator.IN, false, mask("CAP_CHOWN", "CAP_NET_RAW")),
                new CapabilityFilter(CapabilitySet.INHERITABLE, Operator.NOT_IN, false, mask("CAP_SETPCAP", "CAP_SYS_ADMIN")));
        assertEquals(0x2001L, s.caps.get(0).mask());
        assertEquals(0x200100L, s.caps.get(1).mask());
        List<Long> caps = w(44, 1, 5, 0, 0x2001, 0, 2, 6, 0, 0x200100, 0);
        assertEquals(expectedSelector(w(4), w(4), caps, w(4), w(4)), selector(s));
    }

    @Test
    void capabilityChangesAndNamespaceCapability() {
        Ir.Sel s = sel();
        s.capChanges = List.of(new CapabilityFilter(CapabilitySet.PERMITTED, Operator.NOT_IN, true,
                1L << Capabilities.bit("CAP_SYS_ADMIN").getAsInt()));
        EncodedHook h = encode(kprobe(List.of(), List.of(s.build(0))), LARGE);
        List<Long> capch = w(24, 0, 6, 0, 1L << 21, 0);
        assertEquals(expectedSelector(w(4), w(4), w(4), w(4), capch), words(h.filter()));
        // N, off, len, 4 empty sections (4 words), capch len, type, op → inode word at index 10
        assertEquals(List.of(new PatchSite(new NodeFact.HostUserNamespaceInode(), PatchSite.Region.FILTER, -1, 40, 4)),
                h.patches());
    }

    @Test
    void capabilityNamesAsTetragonSpellsThem() {
        assertEquals(1, Capabilities.bit("DAC_OVERRIDE").getAsInt());
        assertTrue(Capabilities.bit("CAP_DAC_OVERRIDE").isEmpty());
        assertEquals(39, Capabilities.bit(" cap_bpf ").getAsInt());
        assertTrue(Capabilities.bit("CAP_PIZZA").isEmpty());
        assertEquals(List.of("CAP_SYS_ADMIN", "CAP_BPF"), Capabilities.names((1L << 21) | (1L << 39)));
    }

    private static List<NamespaceFilter.Value> inodes(long... v) {
        List<NamespaceFilter.Value> out = new ArrayList<>();
        for (long x : v) {
            out.add(new NamespaceFilter.Inode(x));
        }
        return out;
    }

    private static long mask(String... names) {
        long m = 0;
        for (String n : names) {
            m |= 1L << Capabilities.bit(n).getAsInt();
        }
        return m;
    }
}
