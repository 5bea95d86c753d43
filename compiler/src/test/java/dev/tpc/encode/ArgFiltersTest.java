package dev.tpc.encode;

import static dev.tpc.encode.Ir.LARGE;
import static dev.tpc.encode.Ir.SMALL;
import static dev.tpc.encode.Ir.V510;
import static dev.tpc.encode.Ir.encode;
import static dev.tpc.encode.Ir.filter;
import static dev.tpc.encode.Ir.hi;
import static dev.tpc.encode.Ir.ints32;
import static dev.tpc.encode.Ir.kprobe;
import static dev.tpc.encode.Ir.kretprobe;
import static dev.tpc.encode.Ir.lo;
import static dev.tpc.encode.Ir.longs;
import static dev.tpc.encode.Ir.map;
import static dev.tpc.encode.Ir.sel;
import static dev.tpc.encode.Ir.strings;
import static dev.tpc.encode.Ir.w;
import static dev.tpc.encode.Ir.words;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.lower.Arg;
import dev.tpc.lower.ArgType;
import dev.tpc.lower.Bytes;
import dev.tpc.lower.FilterValues;
import dev.tpc.lower.Operator;
import dev.tpc.lower.PidFilter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ARGS section per operator family, with the vectors of Tetragon's {@code kernel_test.go}. */
class ArgFiltersTest {
    private static final long NONE = 0xFFFF_FFFFL;

    /** TestMultipleSelectorsExample, word for word (the worked example of the reference, §3.2). */
    @Test
    void multipleSelectorsExample() {
        Ir.Sel s = sel();
        s.pids = List.of(new PidFilter(Operator.NOT_IN, false, false, longs(33, 44)));
        s.args = List.of(filter(0, Operator.EQUAL, ArgType.INT, ints32(10, 20)));
        EncodedHook h = encode(kprobe(List.of(Arg.simple(0, 1, ArgType.INT)), List.of(s.build(0), s.build(1))), LARGE);
        List<Long> one = w(96, 24, 6, 0, 2, 33, 44, 4, 4, 4, 4, 48, 24, 0, 0, 0, 0, 0, 3, 16, 1, 10, 20, 4);
        List<Long> expected = new ArrayList<>(w(2, 8, 100));
        expected.addAll(one);
        expected.addAll(one);
        assertEquals(expected, words(h.filter()));
        assertEquals(4096, h.filter().length());
        assertTrue(h.maps().isEmpty());
    }

    /** TestParseMatchArgs: two matchArgs and two matchData filters, strings through the hash maps. */
    @Test
    void matchArgsAndMatchData() {
        Ir.Sel s = sel();
        s.args = List.of(
                filter(0, Operator.EQUAL, ArgType.STRING, strings("foobar")),
                filter(1, Operator.EQUAL, ArgType.INT, ints32(1, 2)),
                filter(2, Operator.EQUAL, ArgType.STRING, strings("ex")),
                filter(3, Operator.EQUAL, ArgType.INT, ints32(3, 4)));
        EncodedHook h = encode(kprobe(List.of(), List.of(s.build(0))), LARGE);
        List<Long> all = words(h.filter());
        // N, off, len, 5 empty process sections, then ARGS
        int args = 8;
        assertEquals(w(192, 24, 84, 108, 168, 0), all.subList(args, args + 6));
        List<Long> firstString = new ArrayList<>(w(0, 3, 52, 6, 0));
        for (int i = 0; i < 10; i++) {
            firstString.add(NONE);
        }
        assertEquals(firstString, all.subList(args + 6, args + 6 + 15));
        assertEquals(w(1, 3, 16, 1, 1, 2), all.subList(args + 21, args + 27));
        assertEquals(w(2, 3, 52, 6, 1, NONE), all.subList(args + 27, args + 33));
        MapContents first = map(h, "string_maps_0", 0);
        assertEquals(25, first.keySize());
        assertEquals(List.of(new MapContents.Entry(key(25, "foobar"), Bytes.of(new byte[] {1}))), first.entries());
        assertEquals(key(25, "ex"), map(h, "string_maps_0", 1).entries().get(0).key());
    }

    /** TestReturnSelectorArgInt and TestReturnSelectorEmpty. */
    @Test
    void returnSelectors() {
        Ir.Sel s = sel();
        s.retArgs = List.of(filter(0, Operator.EQUAL, ArgType.INT, ints32(10, 20)));
        EncodedHook h = encode(kretprobe(List.of(), ArgType.INT, List.of(s.build(0))), LARGE);
        assertEquals(w(1, 4, 56, 48, 24, 0, 0, 0, 0, 0, 3, 16, 1, 10, 20, 4), words(h.returnFilter().orElseThrow()));
        EncodedHook empty = encode(kretprobe(List.of(), ArgType.INT, List.of()), LARGE);
        assertEquals(List.of(), words(empty.returnFilter().orElseThrow()));
        assertEquals(List.of(), words(empty.filter()));
        assertTrue(encode(kprobe(List.of(), List.of(s.build(0))), LARGE).returnFilter().isEmpty());
    }

    /** TestParseMatchData: SAddr values, SPort and Protocol value maps. */
    @Test
    void socketOperators() {
        Ir.Sel s = sel();
        s.args = List.of(
                filter(0, Operator.SADDR, ArgType.SOCK, new FilterValues.Addresses(List.of(
                        cidr("7f000001", 32), cidr("0a010203", 24), cidr("c0a8fefe", 20)))),
                filter(0, Operator.SPORT, ArgType.SOCK, set(false, 8081, 25, 31337)),
                filter(0, Operator.PROTOCOL, ArgType.SOCK, set(false, 3, 17, 6)),
                filter(0, Operator.DADDR, ArgType.SOCK, new FilterValues.Addresses(List.of(
                        cidr("20010db8000000000000000000000000", 32), cidr("0a000000", 8)))));
        EncodedHook h = encode(kprobe(List.of(Arg.simple(0, 0, ArgType.SOCK)), List.of(s.build(0))), LARGE);
        List<Long> all = words(h.filter());
        int f = 8 + 6;
        assertEquals(w(0, 13, 16, 7, 0, NONE), all.subList(f, f + 6));
        assertEquals(w(0, 15, 12, 7, 0), all.subList(f + 6, f + 11));
        assertEquals(w(0, 17, 12, 7, 1), all.subList(f + 11, f + 16));
        assertEquals(w(0, 14, 16, 7, 1, 0), all.subList(f + 16, f + 22));
        assertEquals(List.of(Bytes.fromHex("14000000c0a8fefe"), Bytes.fromHex("180000000a010203"),
                        Bytes.fromHex("200000007f000001")),
                map(h, "addr4lpm_maps", 0).entries().stream().map(MapContents.Entry::key).toList());
        assertEquals(Bytes.fromHex("2000000020010db8000000000000000000000000"),
                map(h, "addr6lpm_maps", 0).entries().get(0).key());
        assertEquals(List.of(u64(25), u64(8081), u64(31337)),
                map(h, "argfilter_maps", 0).entries().stream().map(MapContents.Entry::key).sorted(ArgFiltersTest::byValue).toList());
        assertEquals(3, map(h, "argfilter_maps", 1).entries().size());
    }

    /** InMap: values, ranges in either order, signed ranges and the #4699 range at the top of u64. */
    @Test
    void inMapExpandsRanges() {
        Ir.Sel s = sel();
        s.args = List.of(
                filter(0, Operator.IN_MAP, ArgType.INT, new FilterValues.ValueSet(List.of(
                        new FilterValues.Single(7), new FilterValues.Range(2, -2)), true)),
                filter(1, Operator.NOT_IN_MAP, ArgType.UINT16, new FilterValues.ValueSet(List.of(
                        new FilterValues.Range(-1, -6)), false)));
        EncodedHook h = encode(kprobe(List.of(), List.of(s.build(0))), LARGE);
        List<Long> signed = map(h, "argfilter_maps", 0).entries().stream().map(e -> value(e.key())).sorted().toList();
        assertEquals(longs(-2, -1, 0, 1, 2, 7), signed);
        List<Long> top = map(h, "argfilter_maps", 1).entries().stream().map(e -> value(e.key())).sorted().toList();
        assertEquals(longs(-6, -5, -4, -3, -2, -1), top);
        String huge = Ir.refusal(kprobe(List.of(), List.of(withFilter(filter(0, Operator.IN_MAP, ArgType.UINT64,
                new FilterValues.ValueSet(List.of(new FilterValues.Range(0, -1)), false))).build(0))), LARGE);
        assertTrue(huge.contains("use InRange"), huge);
    }

    @Test
    void rangesAndMasks() {
        Ir.Sel s = sel();
        s.args = List.of(
                filter(0, Operator.IN_RANGE, ArgType.UINT32, new FilterValues.Ranges(List.of(new FilterValues.Bound(1, 9)), 4)),
                filter(1, Operator.NOT_IN_RANGE, ArgType.INT64, new FilterValues.Ranges(List.of(new FilterValues.Bound(-5, 1L << 40)), 8)),
                filter(2, Operator.MASK, ArgType.UINT64, new FilterValues.Ints(longs(0x1_0000_0001L), 8)));
        List<Long> all = words(encode(kprobe(List.of(), List.of(s.build(0))), LARGE).filter());
        int f = 8 + 6;
        assertEquals(w(0, 31, 16, 13, 1, 9), all.subList(f, f + 6));
        assertEquals(w(1, 32, 24, 10, lo(-5), hi(-5), 0, 1L << 8), all.subList(f + 6, f + 14));
        assertEquals(w(2, 12, 16, 11, 1, 1), all.subList(f + 14, f + 20));
    }

    @Test
    void prefixAndPostfixKeys() {
        Ir.Sel s = sel();
        s.args = List.of(
                filter(0, Operator.PREFIX, ArgType.STRING, new FilterValues.Prefixes(List.of(Bytes.utf8("/etc/")))),
                filter(0, Operator.NOT_POSTFIX, ArgType.STRING, new FilterValues.Postfixes(List.of(Bytes.utf8("abc")))));
        EncodedHook h = encode(kprobe(List.of(), List.of(s.build(0))), LARGE);
        List<Long> all = words(h.filter());
        assertEquals(w(0, 8, 12, 6, 0, 0, 27, 12, 6, 0), all.subList(14, 24));
        Bytes prefix = map(h, "string_prefix_maps", 0).entries().get(0).key();
        assertEquals(260, prefix.length());
        assertEquals("28000000" + "2f6574632f", prefix.hex().substring(0, 18));
        Bytes postfix = map(h, "string_postfix_maps", 0).entries().get(0).key();
        assertEquals(132, postfix.length());
        assertEquals("18000000" + "636261", postfix.hex().substring(0, 14));
        assertTrue(Ir.refusal(kprobe(List.of(), List.of(withFilter(filter(0, Operator.POSTFIX, ArgType.STRING,
                new FilterValues.Postfixes(List.of(Bytes.utf8("x".repeat(128)))))).build(0))), LARGE)
                .contains("string is longer than 127 characters"));
    }

    /** The bucket boundaries of TestKprobeStringMatchHash{0..10}{Min,Max}, and the limits per kernel. */
    @Test
    void stringBuckets() {
        int[][] cases = {{1, 0, 25}, {24, 0, 25}, {25, 1, 49}, {48, 1, 49}, {49, 2, 73}, {144, 5, 145}, {145, 6, 258},
                {256, 6, 258}, {257, 7, 514}, {512, 7, 514}, {513, 8, 1026}, {1024, 8, 1026}, {1025, 9, 2050},
                {2048, 9, 2050}, {2049, 10, 4098}, {4096, 10, 4098}};
        for (int[] c : cases) {
            StringKeys.Key k = StringKeys.key(Bytes.utf8("a".repeat(c[0])), LARGE);
            assertEquals(c[1], k.bucket(), "length " + c[0]);
            assertEquals(c[2], k.bytes().length(), "length " + c[0]);
            assertEquals("a".repeat(c[0]), StringKeys.value(k.bytes()).utf8());
        }
        assertEquals("string is too long", StringKeys.key(Bytes.utf8("a".repeat(4097)), LARGE).error());
        StringKeys.Key k510 = StringKeys.key(Bytes.utf8("a".repeat(510)), V510);
        assertEquals(7, k510.bucket());
        assertEquals(512, k510.bytes().length());
        assertEquals("string is too long", StringKeys.key(Bytes.utf8("a".repeat(511)), V510).error());
        assertEquals("string is too long", StringKeys.key(Bytes.utf8("a".repeat(145)), SMALL).error());
        assertEquals("string is empty", StringKeys.key(Bytes.EMPTY, LARGE).error());
        assertEquals("fe01", StringKeys.key(Bytes.utf8("a".repeat(510)), LARGE).bytes().hex().substring(0, 4));
    }

    @Test
    void tooManyFiltersForTheProgramSize() {
        Ir.Sel s = sel();
        s.args = List.of(filter(0, Operator.EQUAL, ArgType.INT, ints32(1)), filter(1, Operator.EQUAL, ArgType.INT, ints32(1)));
        assertEquals("parseMatchArgs  error: parseMatchArgs: supports up to 1 filters (2 provided)",
                Ir.refusal(kprobe(List.of(), List.of(s.build(0))), SMALL));
        s.args = List.of(filter(0, Operator.GREATER_THAN, ArgType.INT, ints32(1)));
        assertTrue(Ir.refusal(kprobe(List.of(), List.of(s.build(0))), SMALL).contains("operator 1 (GreaterThan)"));
        s.args = List.of(filter(0, Operator.EQUAL, ArgType.INT, ints32(1, 2, 3, 4, 5)));
        assertTrue(Ir.refusal(kprobe(List.of(), List.of(s.build(0))), LARGE).contains("more than 4 values"));
    }

    private static Ir.Sel withFilter(dev.tpc.lower.ArgFilter f) {
        Ir.Sel s = sel();
        s.args = List.of(f);
        return s;
    }

    private static FilterValues.ValueSet set(boolean signed, long... v) {
        List<FilterValues.Item> items = new ArrayList<>();
        for (long x : v) {
            items.add(new FilterValues.Single(x));
        }
        return new FilterValues.ValueSet(items, signed);
    }

    private static FilterValues.Cidr cidr(String hex, int bits) {
        return new FilterValues.Cidr(Bytes.fromHex(hex), bits);
    }

    private static Bytes key(int size, String s) {
        byte[] k = new byte[size];
        k[0] = (byte) s.length();
        System.arraycopy(s.getBytes(), 0, k, 1, s.length());
        return Bytes.of(k);
    }

    private static Bytes u64(long v) {
        return Bytes.of(SelectorMaps.le64(v));
    }

    private static long value(Bytes key) {
        return java.nio.ByteBuffer.wrap(key.toArray()).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static int byValue(Bytes a, Bytes b) {
        return Long.compareUnsigned(value(a), value(b));
    }
}
