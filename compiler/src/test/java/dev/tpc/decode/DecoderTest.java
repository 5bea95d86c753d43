package dev.tpc.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.tpc.encode.EncodeResult;
import dev.tpc.encode.EncodedHook;
import dev.tpc.encode.Encoder;
import dev.tpc.encode.EncodingVariant;
import dev.tpc.encode.MapContents;
import dev.tpc.lower.AttachPoint;
import dev.tpc.lower.Bytes;
import dev.tpc.lower.LoweredPolicy;
import dev.tpc.lower.Lowering;
import dev.tpc.lower.LoweringTarget;
import dev.tpc.model.TracingPolicy;
import dev.tpc.target.TargetProfile;
import dev.tpc.target.TargetProfiles;
import dev.tpc.yaml.YamlReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the decoder reads back from bytes, in the normal form's spelling. */
class DecoderTest {
    private static final TargetProfile P61 = TargetProfiles.named("6.1").orElseThrow();

    private static EncodedHook encode(String spec) {
        String yaml = "apiVersion: cilium.io/v1alpha1\nkind: TracingPolicy\nmetadata:\n  name: t\nspec:\n" + spec.indent(2);
        TracingPolicy p = TracingPolicy.from(new YamlReader().readText(yaml, "t.yaml").documents().get(0).root());
        LoweredPolicy l = Lowering.lower(p, LoweringTarget.of(P61));
        assertEquals(List.of(), l.problems());
        AttachPoint ap = l.attachPoints().get(0);
        return ((EncodeResult.Encoded) Encoder.encode(ap, EncodingVariant.of(P61))).hook();
    }

    private static NormalForm.Hook decode(EncodedHook h) {
        return ((Decoder.Result.Decoded) Decoder.decode(Decoder.Input.of(h))).hook();
    }

    @Test
    void readsSelectorsBackFromBlobAndMaps() {
        EncodedHook h = encode("""
                lists:
                - {name: dups, type: syscalls, values: [sys_dup, sys_dup2, __ia32_sys_dup]}
                tracepoints:
                - subsystem: raw_syscalls
                  event: sys_enter
                  args: [{index: 4, type: syscall64}]
                  selectors:
                  - matchPIDs: [{operator: NotIn, followForks: true, values: [1, 0x10]}]
                    matchNamespaces: [{namespace: Mnt, operator: In, values: [host_ns]}]
                    matchArgs: [{index: 0, operator: InMap, values: ["list:dups", "100:102"]}]
                    matchBinaries: [{operator: Postfix, values: [/bash, /sh, /sh]}]
                    matchActions: [{action: NotifyEnforcer, argError: -1, argSig: 9}, {action: GetUrl, argUrl: "http://x"}]
                """);
        NormalForm.Hook d = decode(h);
        assertEquals(List.of(new NormalForm.ArgSlot(0, "syscall64", 4, 0, 8)), d.args());
        NormalForm.Selector s = d.selectors().get(0);
        assertEquals(List.of(new NormalForm.Pid("NotIn", false, true, List.of("1", "16"))), s.pids());
        assertEquals(List.of(new NormalForm.Namespaces("Mnt", "In", List.of("host_ns"))), s.namespaces());
        assertEquals(List.of(new NormalForm.Arg(0, "InMap", "syscall64", List.of("32", "33", "100", "101", "102", "2147483689"))),
                s.args());
        assertEquals(Optional.of(new NormalForm.Binaries("Postfix", List.of("/bash", "/sh"), false)), s.binaries());
        assertEquals(List.of(new NormalForm.Action("NotifyEnforcer", List.of("argError=-1", "argSig=9")),
                new NormalForm.Action("GetUrl", List.of("argUrl=http://x"))), s.actions());
        assertEquals(Optional.empty(), d.returnSelectors());
    }

    @Test
    void aChangedMapChangesTheDecodedSelectors() {
        EncodedHook h = encode("""
                kprobes:
                - call: security_file_open
                  syscall: false
                  args: [{index: 0, type: file}]
                  selectors:
                  - matchArgs: [{index: 0, operator: Equal, values: [/etc/passwd, /etc/shadow]}]
                """);
        NormalForm.Hook d = decode(h);
        assertEquals(List.of(new NormalForm.Arg(0, "Equal", "file", List.of("/etc/passwd", "/etc/shadow"))),
                d.selectors().get(0).args());
        List<MapContents> maps = new ArrayList<>();
        for (MapContents m : h.maps()) {
            List<MapContents.Entry> entries = new ArrayList<>(m.entries());
            byte[] k = entries.get(0).key().toArray();
            k[1] = 'X';
            entries.set(0, new MapContents.Entry(Bytes.of(k), entries.get(0).value()));
            maps.add(new MapContents(m.side(), m.name(), m.innerIndex(), m.keySize(), m.valueSize(), entries));
        }
        Decoder.Result changed = Decoder.decode(new Decoder.Input(h.filter(), h.returnFilter(), h.eventConfig(), maps,
                h.actionArgs(), h.patches()));
        assertNotEquals(d, ((Decoder.Result.Decoded) changed).hook());
        assertEquals(List.of("/etc/shadow", "Xetc/passwd"),
                ((Decoder.Result.Decoded) changed).hook().selectors().get(0).args().get(0).values());
    }

    @Test
    void emptyFiltersAreDropped() {
        EncodedHook h = encode("""
                kprobes:
                - call: f
                  syscall: false
                  args: [{index: 0, type: int}, {index: 1, type: sock}]
                  selectors:
                  - matchPIDs: [{operator: In, values: []}]
                    matchArgs:
                    - {index: 0, operator: Equal, values: []}
                    - {index: 1, operator: SPortPriv}
                """);
        NormalForm.Selector s = decode(h).selectors().get(0);
        assertEquals(List.of(), s.pids());
        assertEquals(List.of(new NormalForm.Arg(1, "SPortPriv", "sock", List.of())), s.args());
        assertEquals(s, Decoder.expected(h.attachPoint()).selectors().get(0));
    }
}
