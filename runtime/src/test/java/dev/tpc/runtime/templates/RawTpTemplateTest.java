package dev.tpc.runtime.templates;

import static dev.tpc.runtime.templates.FilterBlob.filter;
import static dev.tpc.runtime.templates.FilterBlob.longs;
import static dev.tpc.runtime.templates.FilterBlob.selector;
import static dev.tpc.runtime.templates.RawTpTemplate.u64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.abi.TemplateAbi.TgAction;
import dev.tpc.abi.TemplateAbi.TgArgType;
import dev.tpc.abi.TemplateAbi.TgOp;
import dev.tpc.abi.TemplateAbi.TgPolicyMode;
import dev.tpc.abi.TemplateAbi.Verdict;
import dev.tpc.runtime.libbpf.MapTypes;
import dev.tpc.runtime.testing.BpfTestSupport;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The raw tracepoint template's verdicts, per operator family, with BPF_PROG_TEST_RUN: the blob
 * and value maps are written like Tetragon's encoder would, the arguments are fed as raw
 * tracepoint arguments, and the returned verdict word says which selector won and what the
 * actions did.
 */
class RawTpTemplateTest {

    private static final int POSTED_SEL1 = 1 | Verdict.POSTED;
    private static final int POSTED_SEL2 = 2 | Verdict.POSTED;
    private static final int DROPPED = 0;

    private static RawTpTemplate t;

    @BeforeAll
    static void load() throws Exception {
        t = RawTpTemplate.loadWithEverything(BpfTestSupport.requireBpf());
    }

    @AfterAll
    static void unload() {
        if (t != null) {
            t.close();
        }
    }

    @BeforeEach
    void reset() throws Exception {
        t.policyMode(TgPolicyMode.ENFORCE);
        for (int k = 0; k < 10; k++) {
            t.binariesOptions(k, 0, 0, -1);
        }
    }

    private static int verdict(byte[] blob, int[] types, long... args) throws Exception {
        t.eventConfig(types);
        t.blob(blob);
        return t.run(args) & ~Verdict.PROC_NOT_FOUND;
    }

    private static int[] types(int... types) {
        return types;
    }

    @Test
    void withoutSelectorsEveryEventIsPosted() throws Exception {
        assertEquals(Verdict.NO_SELECTORS | Verdict.POSTED, verdict(new byte[4096], types(TgArgType.S32), 5));
    }

    @Test
    void int32Operators() throws Exception {
        int[] s32 = types(TgArgType.S32);
        assertEquals(POSTED_SEL1, verdict(FilterBlob.of(selector(List.of(filter(0, TgOp.EQ, TgArgType.S32, 1, 5)))), s32, 5));
        assertEquals(DROPPED, verdict(FilterBlob.of(selector(List.of(filter(0, TgOp.EQ, TgArgType.S32, 1, 5)))), s32, 6));
        // NotEqual: true only when no value is equal
        assertEquals(DROPPED, verdict(FilterBlob.of(selector(List.of(filter(0, TgOp.NEQ, TgArgType.S32, 1, 5)))), s32, 1));
        assertEquals(DROPPED, verdict(FilterBlob.of(selector(List.of(filter(0, TgOp.NEQ, TgArgType.S32, 1, 5)))), s32, 5));
        assertEquals(POSTED_SEL1, verdict(FilterBlob.of(selector(List.of(filter(0, TgOp.NEQ, TgArgType.S32, 1, 5)))), s32, 7));
        // signed comparisons on int/sint32, unsigned on uint32
        assertEquals(POSTED_SEL1, verdict(FilterBlob.of(selector(List.of(filter(0, TgOp.GT, TgArgType.S32, -5)))), s32, -3));
        assertEquals(DROPPED, verdict(FilterBlob.of(selector(List.of(filter(0, TgOp.LT, TgArgType.S32, -5)))), s32, -3));
        assertEquals(DROPPED, verdict(FilterBlob.of(selector(List.of(filter(0, TgOp.GT, TgArgType.U32, -5)))),
                types(TgArgType.U32), 3));
        assertEquals(POSTED_SEL1, verdict(FilterBlob.of(selector(List.of(filter(0, TgOp.MASK, TgArgType.S32, 0x10)))), s32, 0x31));
        assertEquals(DROPPED, verdict(FilterBlob.of(selector(List.of(filter(0, TgOp.MASK, TgArgType.S32, 0x10)))), s32, 0x21));
        // only the low 32 bits of a 32-bit argument count
        assertEquals(POSTED_SEL1, verdict(FilterBlob.of(selector(List.of(filter(0, TgOp.EQ, TgArgType.S32, 9)))), s32,
                0x7_0000_0009L));
    }

    @Test
    void int64OperatorsAndRanges() throws Exception {
        int[] u64 = types(TgArgType.U64);
        long big = 0x1_0000_0000L;
        assertEquals(POSTED_SEL1, verdict(FilterBlob.of(selector(List.of(filter(0, TgOp.EQ, TgArgType.U64, longs(3, big))))), u64, big));
        assertEquals(DROPPED, verdict(FilterBlob.of(selector(List.of(filter(0, TgOp.EQ, TgArgType.U64, longs(3, big))))), u64, 0));
        assertEquals(POSTED_SEL1, verdict(FilterBlob.of(selector(List.of(filter(0, TgOp.GT, TgArgType.U64, longs(big))))), u64, big + 1));
        assertEquals(DROPPED, verdict(FilterBlob.of(selector(List.of(filter(0, TgOp.GT, TgArgType.U64, longs(big))))), u64, 5));
        int[] range = longs(10, 20, 100, 200);
        assertEquals(POSTED_SEL1, verdict(FilterBlob.of(selector(List.of(filter(0, TgOp.INRANGE, TgArgType.U64, range)))), u64, 150));
        assertEquals(DROPPED, verdict(FilterBlob.of(selector(List.of(filter(0, TgOp.INRANGE, TgArgType.U64, range)))), u64, 50));
        assertEquals(POSTED_SEL1, verdict(FilterBlob.of(selector(List.of(filter(0, TgOp.NOTINRANGE, TgArgType.U64, range)))), u64, 50));
        assertEquals(DROPPED, verdict(FilterBlob.of(selector(List.of(filter(0, TgOp.NOTINRANGE, TgArgType.U64, range)))), u64, 20));
        int[] signedRange = {-10, -1};
        assertEquals(POSTED_SEL1, verdict(FilterBlob.of(selector(List.of(filter(0, TgOp.INRANGE, TgArgType.S32, signedRange)))),
                types(TgArgType.S32), -4));
    }

    @Test
    void inMapAndNotInMap() throws Exception {
        t.innerMap("argfilter_maps", 3, MapTypes.HASH, 8, 0, List.of(u64(39), u64(57)));
        int[] sc = types(TgArgType.SYSCALL64);
        assertEquals(POSTED_SEL1, verdict(FilterBlob.of(selector(List.of(filter(0, TgOp.INMAP, TgArgType.SYSCALL64, 3)))), sc, 57));
        assertEquals(DROPPED, verdict(FilterBlob.of(selector(List.of(filter(0, TgOp.INMAP, TgArgType.SYSCALL64, 3)))), sc, 58));
        assertEquals(DROPPED, verdict(FilterBlob.of(selector(List.of(filter(0, TgOp.NOTINMAP, TgArgType.SYSCALL64, 3)))), sc, 39));
        assertEquals(POSTED_SEL1, verdict(FilterBlob.of(selector(List.of(filter(0, TgOp.NOTINMAP, TgArgType.SYSCALL64, 3)))), sc, 1));
        // a value map id with no map behind it matches nothing
        assertEquals(DROPPED, verdict(FilterBlob.of(selector(List.of(filter(0, TgOp.INMAP, TgArgType.SYSCALL64, 6)))), sc, 57));
    }

    /** Tetragon's string-equality key (tetragon-internals §3.6) and its bucket. */
    private static int bucket(int len) {
        if (len <= 144) {
            return (len + 23) / 24 - 1;
        }
        return len <= 256 ? 6 : len <= 512 ? 7 : len <= 1024 ? 8 : len <= 2048 ? 9 : 10;
    }

    private static byte[] stringKey(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int bucket = bucket(b.length);
        int padded = bucket <= 5 ? (bucket + 1) * 24 : 256 << (bucket - 6);
        int hdr = bucket <= 5 ? 1 : 2;
        ByteBuffer k = ByteBuffer.allocate(padded + hdr).order(ByteOrder.LITTLE_ENDIAN);
        if (hdr == 1) {
            k.put((byte) b.length);
        } else {
            k.putShort((short) b.length);
        }
        k.put(b);
        return k.array();
    }

    /** An Equal/NotEqual filter on arg 0 with one string value in its bucket's map id 0. */
    private static byte[] stringEqualBlob(int op, String value) throws Exception {
        int bucket = bucket(value.length());
        t.innerMap("string_maps_" + bucket, 0, MapTypes.HASH, stringKey(value).length, 0, List.of(stringKey(value)));
        int[] ids = new int[11];
        java.util.Arrays.fill(ids, -1);
        ids[bucket] = 0;
        return FilterBlob.of(selector(List.of(filter(0, op, TgArgType.STRING, ids))));
    }

    @Test
    void stringEqualityInEveryBucketSize() throws Exception {
        int[] str = types(TgArgType.STRING);
        for (int len : new int[] {1, 24, 25, 144, 145, 256, 300, 1024, 2049, 4096}) {
            String value = "/" + "x".repeat(len - 1);
            byte[] blob = stringEqualBlob(TgOp.EQ, value);
            assertEquals(POSTED_SEL1, verdict(blob, str, t.cString(value)), "Equal, length " + len);
            // strings are read up to 4096 bytes (like Tetragon): a longer one is compared cut
            assertEquals(len == 4096 ? POSTED_SEL1 : DROPPED, verdict(blob, str, t.cString(value + "y")),
                    "Equal, length " + len + " + 1");
            assertEquals(DROPPED, verdict(blob, str, t.cString(value.substring(0, len - 1) + "z")), "Equal, other last byte");
            byte[] not = stringEqualBlob(TgOp.NEQ, value);
            assertEquals(DROPPED, verdict(not, str, t.cString(value)), "NotEqual, length " + len);
            assertEquals(POSTED_SEL1, verdict(not, str, t.cString("/other")), "NotEqual, length " + len);
        }
        // the empty string never equals anything
        byte[] blob = stringEqualBlob(TgOp.EQ, "a");
        assertEquals(DROPPED, verdict(blob, str, t.cString("")));
    }

    private static byte[] prefixKey(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(260).order(ByteOrder.LITTLE_ENDIAN).putInt(8 * b.length).put(b).array();
    }

    private static byte[] postfixKey(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        ByteBuffer k = ByteBuffer.allocate(132).order(ByteOrder.LITTLE_ENDIAN).putInt(8 * b.length);
        for (int i = b.length - 1; i >= 0; i--) {
            k.put(b[i]);
        }
        return k.array();
    }

    @Test
    void prefixAndPostfix() throws Exception {
        int[] str = types(TgArgType.STRING);
        t.innerMap("string_prefix_maps", 1, MapTypes.LPM_TRIE, 260, 1, List.of(prefixKey("/etc/"), prefixKey("/usr/lib")));
        t.innerMap("string_postfix_maps", 2, MapTypes.LPM_TRIE, 132, 1, List.of(postfixKey(".so"), postfixKey("/shadow")));
        byte[] prefix = FilterBlob.of(selector(List.of(filter(0, TgOp.PREFIX, TgArgType.STRING, 1))));
        byte[] notPrefix = FilterBlob.of(selector(List.of(filter(0, TgOp.NOTPREFIX, TgArgType.STRING, 1))));
        byte[] postfix = FilterBlob.of(selector(List.of(filter(0, TgOp.POSTFIX, TgArgType.STRING, 2))));
        byte[] notPostfix = FilterBlob.of(selector(List.of(filter(0, TgOp.NOTPOSTFIX, TgArgType.STRING, 2))));
        assertEquals(POSTED_SEL1, verdict(prefix, str, t.cString("/etc/passwd")));
        assertEquals(POSTED_SEL1, verdict(prefix, str, t.cString("/usr/lib64/x")));
        assertEquals(DROPPED, verdict(prefix, str, t.cString("/etc")));
        assertEquals(DROPPED, verdict(notPrefix, str, t.cString("/etc/passwd")));
        assertEquals(POSTED_SEL1, verdict(notPrefix, str, t.cString("/tmp/x")));
        assertEquals(POSTED_SEL1, verdict(postfix, str, t.cString("/etc/shadow")));
        assertEquals(POSTED_SEL1, verdict(postfix, str, t.cString("/" + "d".repeat(300) + "/libc.so")));
        assertEquals(DROPPED, verdict(postfix, str, t.cString("/etc/shadow-")));
        assertEquals(DROPPED, verdict(notPostfix, str, t.cString("/lib/x.so")));
        assertEquals(POSTED_SEL1, verdict(notPostfix, str, t.cString("/lib/x.sox")));
    }

    @Test
    void firstSelectorWhoseFiltersAllPassWins() throws Exception {
        int[] two = types(TgArgType.S32, TgArgType.S32);
        byte[] blob = FilterBlob.of(
                selector(List.of(filter(0, TgOp.EQ, TgArgType.S32, 1), filter(1, TgOp.EQ, TgArgType.S32, 2))),
                selector(List.of(filter(0, TgOp.EQ, TgArgType.S32, 1))));
        assertEquals(POSTED_SEL1, verdict(blob, two, 1, 2));
        assertEquals(POSTED_SEL2, verdict(blob, two, 1, 3), "filters are ANDed: selector 1 fails on arg 1");
        assertEquals(DROPPED, verdict(blob, two, 4, 2));
    }

    @Test
    void matchPidsOnTheCallingProcess() throws Exception {
        int self = (int) ProcessHandle.current().pid();
        int[] s32 = types(TgArgType.S32);
        byte[] in = FilterBlob.of(FilterBlob.withPids(new int[] {TgOp.IN, 0, 2, 1, self}, List.of()));
        byte[] notIn = FilterBlob.of(FilterBlob.withPids(new int[] {TgOp.NOTIN, 0, 1, self}, List.of()));
        byte[] other = FilterBlob.of(FilterBlob.withPids(new int[] {TgOp.IN, 0, 1, 1}, List.of()));
        byte[] followForks = FilterBlob.of(FilterBlob.withPids(new int[] {TgOp.IN, 2, 1, self}, List.of()));
        assertEquals(POSTED_SEL1, verdict(in, s32, 0));
        assertEquals(DROPPED, verdict(notIn, s32, 0));
        assertEquals(DROPPED, verdict(other, s32, 0));
        assertEquals(POSTED_SEL1, verdict(followForks, s32, 0));
    }

    @Test
    void matchBinariesOnTheCallingProcess() throws Exception {
        String exe = Path.of("/proc/self/exe").toRealPath().toString();
        byte[] path = new byte[256];
        byte[] b = exe.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, path, 0, Math.min(255, b.length));
        t.innerMap("tg_mb_paths", 0, MapTypes.HASH, 256, 0, List.of(path));
        byte[] blob = FilterBlob.of(selector(List.of()));
        int[] s32 = types(TgArgType.S32);
        t.binariesOptions(0, TgOp.IN, 0, -1);
        assertEquals(POSTED_SEL1, verdict(blob, s32, 0), "In " + exe);
        t.binariesOptions(0, TgOp.NOTIN, 0, -1);
        assertEquals(DROPPED, verdict(blob, s32, 0), "NotIn " + exe);
        t.innerMap("string_prefix_maps", 4, MapTypes.LPM_TRIE, 260, 1, List.of(prefixKey(exe.substring(0, 4))));
        t.binariesOptions(0, TgOp.PREFIX, 4, -1);
        assertEquals(POSTED_SEL1, verdict(blob, s32, 0), "Prefix " + exe.substring(0, 4));
        t.innerMap("string_postfix_maps", 4, MapTypes.LPM_TRIE, 132, 1, List.of(postfixKey("/no-such-binary")));
        t.binariesOptions(0, TgOp.POSTFIX, 4, -1);
        assertEquals(DROPPED, verdict(blob, s32, 0), "Postfix /no-such-binary");
        t.binariesOptions(0, TgOp.NOTPOSTFIX, 4, -1);
        assertEquals(POSTED_SEL1, verdict(blob, s32, 0), "NotPostfix /no-such-binary");
    }

    @Test
    void actions() throws Exception {
        int[] s32 = types(TgArgType.S32);
        List<int[]> any = List.of(filter(0, TgOp.EQ, TgArgType.S32, 1));
        assertEquals(1 | Verdict.NOPOST, verdict(FilterBlob.of(selector(any, TgAction.NOPOST)), s32, 1));
        // SIGURG is ignored by default: the test JVM survives the signal
        assertEquals(POSTED_SEL1 | Verdict.SIGNALED, verdict(FilterBlob.of(selector(any, TgAction.SIGNAL, 23)), s32, 1));
        // monitor mode: Sigkill is reported, not performed (this JVM is alive to check)
        t.policyMode(TgPolicyMode.MONITOR);
        assertEquals(POSTED_SEL1 | Verdict.MONITORED, verdict(FilterBlob.of(selector(any, TgAction.SIGKILL)), s32, 1));
        t.policyMode(TgPolicyMode.ENFORCE);
        // rateLimit 60 s, thread scope: the same arguments are posted once
        byte[] limited = FilterBlob.of(selector(any, TgAction.POST, 60_000, 0, 0, 0, 0));
        int first = verdict(limited, s32, 1);
        int second = verdict(limited, s32, 1);
        assertTrue(first == POSTED_SEL1 || (first & Verdict.RATE_LIMITED) != 0, "first: " + first);
        assertEquals(1 | Verdict.RATE_LIMITED | Verdict.NOPOST, second);
    }

    /**
     * The rate-limit key holds each argument's bytes; arguments are 8-byte aligned in the record,
     * and the alignment padding after a short buffer must not carry bytes of an earlier event (the
     * per-CPU scratch is reused), or the same call is not recognised as the same. A char_buf is
     * copied byte for byte (user strings are not: the kernel's string copy clears the rest of its
     * last word). The thread is pinned to one CPU, so that every run sees that CPU's scratch.
     */
    @Test
    void rateLimitKeyIgnoresBytesOfEarlierEvents() throws Exception {
        // arg 0: a char_buf whose size is arg 1 (meta: 1-based index 2); arg 2: the int the selector matches
        t.eventConfigWithMeta(types(TgArgType.CHAR_BUF, TgArgType.U64, TgArgType.S32), new int[] {2, 0, 0});
        t.blob(FilterBlob.of(selector(List.of(filter(2, TgOp.EQ, TgArgType.S32, 77)), TgAction.POST, 60_000, 0, 0, 0, 0)));
        long shortBuffer = t.cString("a");
        String tag = Long.toString(System.nanoTime());
        String firstLong = "/tpc/first-long-buffer-" + tag;
        String otherLong = "/tpc/other-long-buffer-" + tag;
        try (CpuPin pinned = CpuPin.toCurrentCpu()) {
            t.run(t.cString(firstLong), firstLong.length(), 77);
            int first = t.run(shortBuffer, 1, 77) & ~Verdict.PROC_NOT_FOUND;
            assertEquals(POSTED_SEL1, first, "the first call with (\"a\", 1, 77) is posted");
            t.run(t.cString(otherLong), otherLong.length(), 77);
            int again = t.run(shortBuffer, 1, 77) & ~Verdict.PROC_NOT_FOUND;
            assertEquals(1 | Verdict.RATE_LIMITED | Verdict.NOPOST, again, "the same call within the minute is rate limited");
        }
    }

    /**
     * A rate-limit window longer than the time since boot still limits (the boot clock starts at
     * 0, so "now minus the window" must not be computed: it wraps around). The longest window the
     * blob can hold, about 49 days, is longer than most machines' uptime, and a fresh VM's.
     */
    @Test
    void rateLimitWindowLongerThanTheUptimeStillLimits() throws Exception {
        int[] s32 = types(TgArgType.S32);
        int value = (int) (System.nanoTime() & 0x3fffffff); // arguments no other run of this test class used
        byte[] limited = FilterBlob.of(selector(List.of(filter(0, TgOp.EQ, TgArgType.S32, value)), TgAction.POST, -1, 0, 0, 0, 0));
        assertEquals(POSTED_SEL1, verdict(limited, s32, value), "the first call is posted");
        assertEquals(1 | Verdict.RATE_LIMITED | Verdict.NOPOST, verdict(limited, s32, value), "the second is within the window");
    }

    @Test
    void corpusBlobFromTetragon() throws Exception {
        // tracepoint-lseek-pid.yaml as Tetragon encoded it: matchPIDs In [1111] followForks, Equal 4444 on a u64 arg.
        // The pid is patched to this JVM so the process filter can pass.
        byte[] blob = FilterBlob.hex("01000000040000005c0000001400000005000000020000000100000057040000040000000400000004"
                + "000000040000003000000018000000000000000000000000000000000000000000000003000000100000000b0000005c110000"
                + "0000000004");
        ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).putInt(28, (int) ProcessHandle.current().pid());
        int[] cfg = types(TgArgType.U64, TgArgType.U64);
        assertEquals(POSTED_SEL1, verdict(blob, cfg, 4444, 3));
        assertEquals(DROPPED, verdict(blob, cfg, 4445, 3));
        ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).putInt(28, 1111);
        assertEquals(DROPPED, verdict(blob, cfg, 4444, 3), "pid 1111 is not this JVM or one of its ancestors");
    }
}
