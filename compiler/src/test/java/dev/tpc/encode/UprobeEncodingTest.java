package dev.tpc.encode;

import static dev.tpc.encode.Ir.LARGE;
import static dev.tpc.encode.Ir.w;
import static dev.tpc.encode.Ir.words;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.lower.AttachPoint;
import dev.tpc.lower.AttachTarget;
import dev.tpc.lower.AttachTarget.UserFunction.Location;
import dev.tpc.lower.HookKind;
import dev.tpc.lower.LoweredPolicy;
import dev.tpc.lower.Lowering;
import dev.tpc.lower.LoweringTarget;
import dev.tpc.model.TracingPolicy;
import dev.tpc.target.TargetProfiles;
import dev.tpc.yaml.ParsedFile;
import dev.tpc.yaml.YamlReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Uprobes through lowering and encoding. Tetragon's corpus has no uprobe blobs, so every expected
 * value below is derived by hand from the layouts of tetragon-internals §3 (blob §3.2, values
 * §3.3, actions §3.4, event_config §3.7) and the uprobe sensor's rules (§2.7), with the derivation
 * next to it.
 */
class UprobeEncodingTest {

    static LoweredPolicy lower(String spec) {
        String yaml = "apiVersion: cilium.io/v1alpha1\nkind: TracingPolicy\nmetadata:\n  name: t\nspec:\n" + spec.indent(2);
        ParsedFile parsed = new YamlReader().readText(yaml, "t.yaml");
        assertTrue(parsed.diagnostics().isEmpty(), parsed.diagnostics().toString());
        return Lowering.lower(TracingPolicy.from(parsed.documents().get(0).root()),
                LoweringTarget.of(TargetProfiles.named("6.12").orElseThrow()));
    }

    static String problem(String spec) {
        LoweredPolicy p = lower(spec);
        assertEquals(0, p.attachPoints().size(), p.attachPoints().toString());
        assertEquals(1, p.problems().size(), p.problems().toString());
        return p.problems().get(0).message();
    }

    private static List<Long> configWords(EncodedHook h, int from, int count) {
        ByteBuffer b = ByteBuffer.wrap(h.eventConfig().toArray()).order(ByteOrder.LITTLE_ENDIAN);
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> b.getInt(from + 4 * i) & 0xFFFF_FFFFL).toList();
    }

    @Test
    void oneAttachPointPerSymbolWithTheSharedEncoding() {
        LoweredPolicy p = lower("""
                uprobes:
                - path: "/usr/bin/../bin//tester"
                  symbols: [tpc_probe_target, "other+0x10"]
                  args:
                  - index: 0
                    type: int
                  - index: 1
                    type: string
                  selectors:
                  - matchArgs:
                    - index: 0
                      operator: Equal
                      values: ["42"]
                """);
        assertEquals(List.of(), p.problems());
        assertEquals(2, p.attachPoints().size());
        AttachPoint a = p.attachPoints().get(0);
        AttachPoint b = p.attachPoints().get(1);
        assertEquals(HookKind.UPROBE, a.kind());
        // filepath.Abs cleans the path: "/usr/bin/../bin//tester" is /usr/bin/tester
        assertEquals(new AttachTarget.UserFunction("/usr/bin/tester", Location.SYMBOL, "tpc_probe_target", 0, 0), a.target());
        // "sym+off": Tetragon's parseSymbol splits at '+' and reads the offset in Go's base-0 syntax
        assertEquals(new AttachTarget.UserFunction("/usr/bin/tester", Location.SYMBOL, "other+0x10", 16, 0), b.target());
        assertEquals("other", ((AttachTarget.UserFunction) b.target()).symbolName());

        EncodedHook h = Ir.encode(a, LARGE);
        // filter blob (§3.2): 1 selector, its offset 4 (from abs 4 to abs 8); selector length
        // 4 + PIDS..CAPCHG (4 each) + ARGS (24 + filter 20) + ACTIONS 4 = 4 + 20 + 44 + 4 = 72
        // ARGS: arglen 44, argoff[0] = 24 (filter right after the 6-word header), rest 0;
        // filter (5 words): position 0, op Equal (3), vallen 4 + 4 + 4 = 12 (itself, type, one
        // value), type int (1), value 42 as i32
        assertEquals(w(1, 4, 72, 4, 4, 4, 4, 4, 44, 24, 0, 0, 0, 0, 0, 3, 12, 1, 42, 4), words(h.filter()));
        assertTrue(h.returnFilter().isEmpty());
        // event_config (§3.7): func_id 0 (agent id); arg[] = int (1), string (6), unused 0
        assertEquals(w(0, 1, 6, 0, 0, 0), configWords(h, 0, 6));
        // arm[]: position 1 is a string, which the uprobe sensor reads through the sleepable preload
        // program: meta bit 8 (0x100); the int has no meta bits
        assertEquals(w(0, 0x100, 0, 0, 0), configWords(h, 24, 5));
        // off[] is for tracepoints only
        assertEquals(w(0, 0, 0, 0, 0), configWords(h, 44, 5));
        // idx[]: function argument numbers 0 and 1; unused positions are 0, not -1, because the
        // uprobe sensor assigns its own zero-initialised array over initEventConfig's -1s
        assertEquals(w(0, 1, 0, 0, 0), configWords(h, 64, 5));
        // syscall 0, argreturncopy 0, argreturn 0 (unset), argreturnaction 0, policy_id 0, flags 0, stats base 0
        assertEquals(w(0, 0, 0, 0, 0, 0, 0), configWords(h, 84, 7));
        // the rest (btf_arg, usdt_arg, reg_arg) is all zero
        byte[] cfg = h.eventConfig().toArray();
        for (int i = 112; i < 736; i++) {
            assertEquals(0, cfg[i], "byte " + i);
        }
        // both symbols share every byte: Tetragon builds one selector state and config per spec entry
        EncodedHook hb = Ir.encode(b, LARGE);
        assertEquals(h.filter(), hb.filter());
        assertEquals(h.eventConfig(), hb.eventConfig());
    }

    @Test
    void uretprobeReturnBlobAndConfig() {
        LoweredPolicy p = lower("""
                uprobes:
                - path: /bin/tester
                  offsets: [4660]
                  refCtrOffsets: [8]
                  return: true
                  returnArg:
                    index: 0
                    type: int
                  selectors:
                  - matchReturnArgs:
                    - index: 0
                      operator: NotEqual
                      values: ["0", "7"]
                    matchReturnActions:
                    - action: Sigkill
                """);
        assertEquals(List.of(), p.problems());
        AttachPoint a = p.attachPoints().get(0);
        assertEquals(new AttachTarget.UserFunction("/bin/tester", Location.OFFSET, "", 4660, 8), a.target());
        assertTrue(a.needsReturnProbe());
        EncodedHook h = Ir.encode(a, LARGE);
        // entry blob: one selector with all sections empty: 4 + 5*4 + ARGS 24 + ACTIONS 4 = 52
        assertEquals(w(1, 4, 52, 4, 4, 4, 4, 4, 24, 0, 0, 0, 0, 0, 4), words(h.filter()));
        // return blob (§3.2 "Return blob"): N=1, off 4, then len ARGS ACTIONS only.
        // ARGS: 24 header + filter (index 0, NotEqual 4, vallen 4 + 4 + 2*4 = 16, type int, 0, 7) = 24 + 24 = 48;
        // ACTIONS: len 8, Sigkill (2) without words; selector length 4 + 48 + 8 = 60
        assertEquals(w(1, 4, 60, 48, 24, 0, 0, 0, 0, 0, 4, 16, 1, 0, 7, 8, 2),
                words(h.returnFilter().orElseThrow()));
        // argreturn = int (1); no arguments: arg[], arm[], idx[] all 0 (idx 0 for uprobes)
        assertEquals(w(0, 0, 0, 0, 0, 0), configWords(h, 0, 6));
        assertEquals(w(0, 0, 0, 0, 0), configWords(h, 64, 5));
        assertEquals(w(0, 0, 1, 0), configWords(h, 84, 4));
        assertEquals(List.of("return_args"), List.copyOf(h.specialisation().sections()));
        assertEquals(List.of(2), List.copyOf(h.specialisation().actions()));
    }

    @Test
    void addressesStayAddressesForTheLoader() {
        LoweredPolicy p = lower("""
                uprobes:
                - path: /lib/libc.so.6
                  addrs: [0x401000, 0x401020]
                """);
        assertEquals(List.of(Location.ADDRESS, Location.ADDRESS), p.attachPoints().stream()
                .map(x -> ((AttachTarget.UserFunction) x.target()).location()).toList());
        assertEquals(0x401020L, ((AttachTarget.UserFunction) p.attachPoints().get(1).target()).offset());
        // no selectors: an all-zero blob (N = 0; words() drops trailing zeros)
        assertEquals(List.of(), words(Ir.encode(p.attachPoints().get(0), LARGE).filter()));
    }

    @Test
    void refusalsInTetragonsWords() {
        assertEquals("uprobe needs exactly one of either Symbols, Offsets or Addrs defined", problem("""
                uprobes:
                - path: /bin/x
                  symbols: [a]
                  offsets: [1]
                """));
        assertEquals("RefCtrOffsets(1) has different dimension than Symbols(2)", problem("""
                uprobes:
                - path: /bin/x
                  symbols: [a, b]
                  refCtrOffsets: [1]
                """));
        assertEquals("failed to parse symbol: wrong offset \"zz\"", problem("""
                uprobes:
                - path: /bin/x
                  symbols: ["a+zz"]
                """));
        assertEquals("error: can't preload more than one argument", problem("""
                uprobes:
                - path: /bin/x
                  symbols: [a]
                  args:
                  - {index: 0, type: string}
                  - {index: 1, type: string}
                """));
        assertEquals("error add arg: ArgType int Index 5 out of bounds", problem("""
                uprobes:
                - path: /bin/x
                  symbols: [a]
                  args:
                  - {index: 5, type: int}
                """));
        assertEquals("standard argument can't have source set 'current_task'", problem("""
                uprobes:
                - path: /bin/x
                  symbols: [a]
                  args:
                  - {index: 0, type: int, source: current_task}
                """));
        assertTrue(problem("""
                uprobes:
                - path: bin/x
                  symbols: [a]
                """).contains("is relative"));
        assertTrue(problem("""
                uprobes:
                - path: /bin/x
                  symbols: [a]
                  selectors:
                  - matchActions:
                    - action: Override
                      argRegs: ["rax=1"]
                """).contains("Override"));
        assertEquals("failed to configure uprobe, GetUrl and DnsLookup actions not supported", problem("""
                uprobes:
                - path: /bin/x
                  symbols: [a]
                  selectors:
                  - matchActions:
                    - action: DnsLookup
                      argFqdn: example.com
                """));
    }
}
