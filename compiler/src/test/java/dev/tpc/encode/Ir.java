package dev.tpc.encode;

import dev.tpc.diag.SourceSpan;
import dev.tpc.lower.Action;
import dev.tpc.lower.Arg;
import dev.tpc.lower.ArgFilter;
import dev.tpc.lower.ArgType;
import dev.tpc.lower.AttachPoint;
import dev.tpc.lower.AttachTarget;
import dev.tpc.lower.BinaryFilter;
import dev.tpc.lower.Bytes;
import dev.tpc.lower.CapabilityFilter;
import dev.tpc.lower.FilterValues;
import dev.tpc.lower.HookKind;
import dev.tpc.lower.NamespaceChangeFilter;
import dev.tpc.lower.NamespaceFilter;
import dev.tpc.lower.Operator;
import dev.tpc.lower.PidFilter;
import dev.tpc.lower.Selector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Hand-built IR and byte helpers for encoder tests. */
final class Ir {
    static final SourceSpan SPAN = SourceSpan.wholeFile("test.yaml");
    static final EncodingVariant LARGE = EncodingVariant.forKernel("6.1");
    static final EncodingVariant V510 = EncodingVariant.forKernel("5.10");
    static final EncodingVariant SMALL = EncodingVariant.forKernel("4.19");

    private Ir() {}

    /** A selector builder; every section empty until set. */
    static final class Sel {
        List<PidFilter> pids = List.of();
        List<NamespaceFilter> ns = List.of();
        List<CapabilityFilter> caps = List.of();
        List<NamespaceChangeFilter> nsChanges = List.of();
        List<CapabilityFilter> capChanges = List.of();
        Optional<BinaryFilter> binaries = Optional.empty();
        Optional<BinaryFilter> parents = Optional.empty();
        List<ArgFilter> args = List.of();
        List<Action> actions = List.of();
        List<ArgFilter> retArgs = List.of();
        List<Action> retActions = List.of();

        Selector build(int index) {
            return new Selector(index, pids, ns, caps, nsChanges, capChanges, binaries, parents, args, actions,
                    retArgs, retActions, false, SPAN);
        }
    }

    static Sel sel() {
        return new Sel();
    }

    static AttachPoint kprobe(List<Arg> args, List<Selector> selectors) {
        return new AttachPoint(HookKind.KPROBE, 0, new AttachTarget.KernelFunction("fn"), false, args,
                Optional.empty(), Optional.empty(), selectors, SPAN);
    }

    static AttachPoint kretprobe(List<Arg> args, ArgType ret, List<Selector> selectors) {
        return new AttachPoint(HookKind.KPROBE, 0, new AttachTarget.KernelFunction("fn"), false, args,
                Optional.of(ret), Optional.empty(), selectors, SPAN);
    }

    static ArgFilter filter(int position, Operator op, ArgType type, FilterValues values) {
        return new ArgFilter(position, op, type, values, SPAN);
    }

    static FilterValues.Ints ints32(long... v) {
        return new FilterValues.Ints(Arrays.stream(v).boxed().toList(), 4);
    }

    static FilterValues.Strings strings(String... v) {
        return new FilterValues.Strings(Arrays.stream(v).map(Bytes::utf8).toList());
    }

    static List<Long> longs(long... v) {
        return Arrays.stream(v).boxed().toList();
    }

    static Action.Post post() {
        return new Action.Post(0, 0, false, false, false);
    }

    static EncodedHook encode(AttachPoint ap, EncodingVariant v) {
        EncodeResult r = Encoder.encode(ap, v);
        if (r instanceof EncodeResult.Refused f) {
            throw new AssertionError("refused: " + f.message());
        }
        return ((EncodeResult.Encoded) r).hook();
    }

    static String refusal(AttachPoint ap, EncodingVariant v) {
        EncodeResult r = Encoder.encode(ap, v);
        if (r instanceof EncodeResult.Refused f) {
            return f.message();
        }
        throw new AssertionError("expected a refusal");
    }

    /** The blob as u32 words up to its last non-zero word. */
    static List<Long> words(Bytes blob) {
        ByteBuffer b = ByteBuffer.wrap(blob.toArray()).order(ByteOrder.LITTLE_ENDIAN);
        List<Long> out = new ArrayList<>();
        while (b.remaining() >= 4) {
            out.add(b.getInt() & 0xFFFF_FFFFL);
        }
        int last = out.size();
        while (last > 0 && out.get(last - 1) == 0) {
            last--;
        }
        return new ArrayList<>(out.subList(0, last));
    }

    /** u32 words as a list (64-bit values as two words, low first). */
    static List<Long> w(long... v) {
        return longs(v);
    }

    static long lo(long v) {
        return v & 0xFFFF_FFFFL;
    }

    static long hi(long v) {
        return v >>> 32;
    }

    static MapContents map(EncodedHook h, String name, int index) {
        return h.maps().stream().filter(m -> m.name().equals(name) && m.innerIndex() == index).findFirst()
                .orElseThrow(() -> new AssertionError("no map " + name + "[" + index + "] in " + h.maps()));
    }
}
