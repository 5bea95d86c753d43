package dev.tpc.encode;

import static dev.tpc.encode.Ir.LARGE;
import static dev.tpc.encode.Ir.SMALL;
import static dev.tpc.encode.Ir.encode;
import static dev.tpc.encode.Ir.filter;
import static dev.tpc.encode.Ir.kprobe;
import static dev.tpc.encode.Ir.kretprobe;
import static dev.tpc.encode.Ir.lo;
import static dev.tpc.encode.Ir.map;
import static dev.tpc.encode.Ir.post;
import static dev.tpc.encode.Ir.sel;
import static dev.tpc.encode.Ir.w;
import static dev.tpc.encode.Ir.words;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.diag.SourceSpan;
import dev.tpc.lower.Action;
import dev.tpc.lower.ActionKind;
import dev.tpc.lower.Arg;
import dev.tpc.lower.ArgType;
import dev.tpc.lower.AttachPoint;
import dev.tpc.lower.AttachTarget;
import dev.tpc.lower.BinaryFilter;
import dev.tpc.lower.Bytes;
import dev.tpc.lower.FilterValues;
import dev.tpc.lower.HookKind;
import dev.tpc.lower.NodeFact;
import dev.tpc.lower.Operator;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ACTIONS sections (TestParseMatchAction and friends), matchBinaries maps and event_config. */
class ActionsAndConfigTest {

    private static List<Long> actionWords(List<Action> actions) {
        Ir.Sel s = sel();
        s.actions = actions;
        List<Long> all = words(encode(kprobe(List.of(), List.of(s.build(0))), LARGE).filter());
        return all.subList(14, all.size());
    }

    @Test
    void postIsSixWords() {
        // TestParseMatchAction: post → 6 zero words; two posts → section length 52
        Ir.Sel s = sel();
        s.actions = List.of(post(), post());
        List<Long> all = words(encode(kprobe(List.of(), List.of(s.build(0))), LARGE).filter());
        assertEquals(52L, all.get(14));
        assertEquals(w(1, 4, 4 + 5 * 4 + 24 + 52), all.subList(0, 3));
        assertEquals(w(28, 0, 60_000, 1, 1, 0, 1), actionWords(List.of(new Action.Post(60_000, 1, true, false, true))));
    }

    @Test
    void everyActionsWords() {
        assertEquals(w(24, 2, 4, lo(-1), 9, 9), actionWords(List.of(new Action.Sigkill(), new Action.Override(-1),
                new Action.Signal(9))));
        assertEquals(w(24, 12, lo(-1), 9, 0xFFFF_FFFEL, 8), actionWords(List.of(
                new Action.NotifyEnforcer(-1, 9, Action.NotifyEnforcer.NO_ARG_INDEX), new Action.NoPost())));
        assertEquals(w(24, 11, 3, 14, 1, 2), actionWords(List.of(new Action.UntrackSock(3), new Action.Set(1, 2))));
        Ir.Sel s = sel();
        s.actions = List.of(post(), post(), post(), new Action.NoPost());
        assertTrue(Ir.refusal(kprobe(List.of(), List.of(s.build(0))), LARGE).contains("only 3 actions"));
    }

    @Test
    void urlsAndNamesStayInUserSpace() {
        Ir.Sel s = sel();
        s.actions = List.of(new Action.GetUrl("http://a"), new Action.DnsLookup("b.example"));
        s.retActions = List.of(new Action.GetUrl("http://c"));
        EncodedHook h = encode(kretprobe(List.of(), ArgType.INT, List.of(s.build(0))), LARGE);
        List<Long> all = words(h.filter());
        assertEquals(w(20, 6, 0, 7, 1), all.subList(14, 19));
        assertEquals(List.of("http://a", "b.example", "http://c"), h.actionArgs());
        List<Long> ret = words(h.returnFilter().orElseThrow());
        assertEquals(w(12, 6, 2), ret.subList(ret.size() - 3, ret.size()));
    }

    @Test
    void matchBinariesGoToMapsNotTheBlob() {
        Ir.Sel s0 = sel();
        s0.binaries = Optional.of(new BinaryFilter(Operator.IN, List.of(Bytes.utf8("/usr/bin/bash"), Bytes.utf8("/bin/sh")), true));
        Ir.Sel s1 = sel();
        s1.binaries = Optional.of(new BinaryFilter(Operator.NOT_PREFIX, List.of(Bytes.utf8("/usr/")), false));
        s1.parents = Optional.of(new BinaryFilter(Operator.POSTFIX, List.of(Bytes.utf8("sh")), false));
        s1.args = List.of(filter(0, Operator.PREFIX, ArgType.STRING, new FilterValues.Prefixes(List.of(Bytes.utf8("/tmp")))));
        EncodedHook h = encode(kprobe(List.of(Arg.simple(0, 0, ArgType.STRING)), List.of(s0.build(0), s1.build(1))), LARGE);

        MapContents opts = map(h, "tg_mb_sel_opts", -1);
        assertEquals(List.of("00000000", "01000000", "06000000"),
                opts.entries().stream().map(e -> e.key().hex()).toList());
        assertEquals("05000000" + "00000000" + "00000000", opts.entries().get(0).value().hex());
        assertEquals("1a000000" + "00000000" + "ffffffff", opts.entries().get(1).value().hex());
        assertEquals("09000000" + "00000000" + "ffffffff", opts.entries().get(2).value().hex());
        MapContents paths = map(h, "tg_mb_paths", 0);
        assertEquals(2, paths.entries().size());
        assertEquals(256, paths.entries().get(0).key().length());
        assertEquals(List.of(new PatchSite(new NodeFact.MatchBinariesSetId(), PatchSite.Region.MB_SEL_OPTS_VALUE, 0, 8, 4)),
                h.patches());
        // the binaries' prefix map is allocated before the selector's matchArgs prefix
        assertEquals(1L, words(h.filter()).get(words(h.filter()).size() - 2));
        assertEquals("28000000" + "2f7573722f", map(h, "string_prefix_maps", 0).entries().get(0).key().hex().substring(0, 18));
        assertTrue(Ir.refusal(kprobe(List.of(), List.of(s1.build(0))), SMALL).contains("need large BPF progs"));
        assertEquals(List.of("args", "binaries", "parent_binaries"), List.copyOf(h.specialisation().sections()));
    }

    @Test
    void eventConfigLayout() {
        Arg a0 = new Arg(0, Arg.Role.ARG, 1, ArgType.CHAR_BUF, 3 | Arg.META_RETURN_COPY, 0, "", Optional.empty());
        Arg a1 = Arg.simple(1, 2, ArgType.SIZE_T);
        Arg d = new Arg(2, Arg.Role.DATA, 0, ArgType.STRING, Arg.META_CURRENT_TASK, 0, "", Optional.of("mm.owner.comm"));
        AttachPoint ap = new AttachPoint(HookKind.KPROBE, 0, new AttachTarget.KernelFunction("__x64_sys_read"), true,
                List.of(a0, a1, d), Optional.of(ArgType.INT64), Optional.of(ActionKind.TRACK_SOCK), List.of(),
                SourceSpan.wholeFile("t"));
        EncodedHook h = encode(ap, LARGE);
        ByteBuffer b = ByteBuffer.wrap(h.eventConfig().toArray()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(736, h.eventConfig().length());
        assertEquals(0, b.getInt(0));
        assertEquals(List.of(2, 4, 6, 0, 0), ints(b, 4));
        assertEquals(List.of(0x13, 0, 0x40, 0, 0), ints(b, 24));
        assertEquals(List.of(1, 2, 0, -1, -1), ints(b, 64));
        assertEquals(1, b.getInt(84));
        assertEquals(2, b.getInt(88));
        assertEquals(10, b.getInt(92));
        assertEquals(10, b.getInt(96));
        assertEquals(List.of(new PatchSite(new NodeFact.BtfPath(2, "mm.owner.comm"), PatchSite.Region.EVENT_CONFIG, -1,
                112 + 2 * 80, 80)), h.patches());
        assertTrue(ap.needsReturnProbe());
    }

    @Test
    void variantsFollowTheKernel() {
        assertEquals(EncodingVariant.ObjectVariant.V61, EncodingVariant.forKernel("7.2.13+deb14-amd64").objectVariant());
        assertEquals(EncodingVariant.ObjectVariant.V511, EncodingVariant.forKernel("5.15").objectVariant());
        assertEquals(EncodingVariant.ObjectVariant.V53, EncodingVariant.forKernel("5.10.0-32-amd64").objectVariant());
        assertEquals(EncodingVariant.ObjectVariant.SMALL, EncodingVariant.forKernel("4.19").objectVariant());
        assertEquals(510, EncodingVariant.forKernel("5.10").maxStringLength());
        assertEquals(8, EncodingVariant.forKernel("5.10").stringBuckets());
    }

    @Test
    void sixSelectorsAreRefused() {
        Ir.Sel s = sel();
        List<dev.tpc.lower.Selector> six = java.util.stream.IntStream.range(0, 6).mapToObj(s::build).toList();
        assertEquals("no more than 5 selectors supported (6 provided)", Ir.refusal(kprobe(List.of(), six), LARGE));
    }

    private static List<Integer> ints(ByteBuffer b, int at) {
        return java.util.stream.IntStream.range(0, 5).map(i -> b.getInt(at + 4 * i)).boxed().toList();
    }
}
