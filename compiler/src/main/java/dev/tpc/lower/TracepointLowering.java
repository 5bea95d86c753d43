package dev.tpc.lower;

import dev.tpc.diag.SourceSpan;
import dev.tpc.model.ArgSelector;
import dev.tpc.model.KProbeArg;
import dev.tpc.model.KProbeSelector;
import dev.tpc.model.TracepointSpec;
import dev.tpc.target.TracepointFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tracepoint hooks as Tetragon's {@code generictracepoint.go} builds them: arguments are fields
 * of the tracepoint's format (indexes count the {@code common_*} fields), {@code auto} types come
 * from the field's C type, a {@code sizeArgIndex} field is read as an extra hidden argument, and
 * matchArgs indexes are rewritten from field index to argument position.
 */
final class TracepointLowering {
    private TracepointLowering() {}

    /** One argument while building the table ({@code genericTracepointArg}). */
    private static final class TpArg {
        final int position;
        final int field;
        final String userType;
        final int metaTp;
        int metaArg;
        final boolean hidden;
        final TracepointFormat.Field format;
        ArgType type;
        final String label;

        TpArg(int position, int field, String userType, int metaTp, boolean hidden, TracepointFormat.Field format, String label) {
            this.position = position;
            this.field = field;
            this.userType = userType;
            this.metaTp = metaTp;
            this.hidden = hidden;
            this.format = format;
            this.label = label;
        }
    }

    /** The argument table and the selectors (matchArgs indexes rewritten) of a non-raw tracepoint. */
    record Lowered(List<Arg> args, List<SelectorLowering.SigArg> sig, List<KProbeSelector> selectors) {}

    static Lowered lower(TracepointSpec tp, TracepointFormat format, List<KProbeSelector> selectors) {
        String name = tp.subsystem() + "/" + tp.event();
        int nfields = format.fields().size();
        List<TpArg> args = new ArrayList<>();
        for (int i = 0; i < tp.args().size(); i++) {
            KProbeArg a = tp.args().get(i);
            long idx = a.index() == null ? 0 : a.index();
            if (idx >= nfields) {
                throw new LoweringFailure("tracepoint " + name + " has " + nfields + " fields but field " + idx
                        + " was requested in args[" + i + "]", a.valueSpan("index"));
            }
            int metaTp = a.sizeArgIndex() != null && a.sizeArgIndex() > 0 ? a.sizeArgIndex().intValue()
                    : Boolean.TRUE.equals(a.returnCopy()) ? -1 : 0;
            String userType = a.type() == null ? "" : a.type().wire();
            args.add(new TpArg(i, (int) idx, userType, metaTp, false, format.fields().get((int) idx),
                    a.label() == null ? "" : a.label()));
        }
        int declared = args.size();
        for (int i = 0; i < declared; i++) {
            TpArg a = args.get(i);
            if (a.metaTp == 0 || a.metaTp == -1) {
                a.metaArg = a.metaTp;
                continue;
            }
            int tpIdx = a.metaTp - 1;
            TpArg meta = null;
            for (TpArg m : args) {
                if (m.field == tpIdx) {
                    meta = m;
                    break;
                }
            }
            if (meta == null) {
                if (tpIdx >= nfields) {
                    throw new LoweringFailure("tracepoint " + name + " has " + nfields + " fields but field " + tpIdx
                            + " was requested in a metadata argument", tp.itemSpan("args", i));
                }
                meta = new TpArg(args.size(), tpIdx, "", 0, true, format.fields().get(tpIdx), "");
                args.add(meta);
            }
            a.metaArg = meta.position + 1;
        }
        if (args.size() > 5) {
            throw new LoweringFailure("number of arguments (" + args.size() + ") larger than max (5)", tp.valueSpan("args"));
        }
        for (TpArg a : args) {
            a.type = typeOf(a, name, tp.span());
        }

        // rewrite matchArgs indexes in the order Tetragon does: one pass per argument, so a
        // rewritten index can be rewritten again by a later argument
        List<KProbeSelector> rewritten = new ArrayList<>();
        for (KProbeSelector s : selectors) {
            List<ArgSelector> ma = new ArrayList<>(s.matchArgs());
            for (TpArg a : args) {
                for (int k = 0; k < ma.size(); k++) {
                    ArgSelector m = ma.get(k);
                    long idx = m.index() == null ? 0 : m.index();
                    if (idx == a.field) {
                        ma.set(k, new ArgSelector(m.node(), (long) a.position, m.args(), m.operator(), m.values()));
                    }
                }
            }
            rewritten.add(Macros.withMatchArgs(s, ma));
        }

        List<Arg> out = new ArrayList<>();
        List<SelectorLowering.SigArg> sig = new ArrayList<>();
        for (TpArg a : args) {
            out.add(new Arg(a.position, a.hidden ? Arg.Role.SIZE_FIELD : Arg.Role.ARG, a.field, a.type, a.metaArg,
                    a.format.offset(), a.label, Optional.empty()));
            sig.add(new SelectorLowering.SigArg(a.position, Optional.of(a.type), a.type.canonicalName()));
        }
        return new Lowered(out, sig, rewritten);
    }

    /** {@code getGenericTypeId}: a user type, or the type {@code auto} derives from the field. */
    private static ArgType typeOf(TpArg a, String name, SourceSpan span) {
        if (!a.userType.isEmpty() && !a.userType.equals("auto")) {
            if (a.userType.equals("const_buf")) {
                throw new LoweringFailure("output argument " + name + "[" + a.field + "] unsupported: const_buf type"
                        + " cannot be user-defined", span);
            }
            return ArgType.fromName(a.userType).orElseThrow(() -> new LoweringFailure(
                    "output argument " + name + "[" + a.field + "] type not found: " + a.userType, span));
        }
        CType t = CType.parse(a.format.cType());
        String err = "output argument " + name + "[" + a.field + "] unsupported: ";
        if (t == null) {
            throw new LoweringFailure(err + "failed to parse field: " + a.format.declaration(), span);
        }
        if (a.format.isArray()) {
            if (t.kind != CType.Kind.INT) {
                throw new LoweringFailure(err + "failed to get size of array type", span);
            }
            if (a.metaArg == 0) {
                a.metaArg = t.bytes * a.format.arrayLength();
            }
            return ArgType.CONST_BUF;
        }
        switch (t.kind) {
            case INT:
                if (a.format.size() == 4) {
                    return a.format.signed() ? ArgType.INT32 : ArgType.UINT32;
                }
                if (a.format.size() == 8) {
                    return a.format.signed() ? ArgType.INT64 : ArgType.UINT64;
                }
                break;
            case POINTER_TO_CHAR:
                if (a.metaTp == 0) {
                    throw new LoweringFailure(err + "no metadata field for buffer", span);
                }
                return ArgType.CHAR_BUF;
            case SIZE:
                return ArgType.SIZE_T;
            default:
                break;
        }
        throw new LoweringFailure(err + "Unknown type: " + a.format.cType(), span);
    }

    /** Tetragon's tracepoint field-type parser ({@code pkg/tracepoint/fieldtype.go}), reduced to what typing needs. */
    private static final class CType {
        enum Kind { INT, POINTER_TO_CHAR, POINTER_OTHER, SIZE, OTHER }

        final Kind kind;
        final int bytes;

        private CType(Kind kind, int bytes) {
            this.kind = kind;
            this.bytes = bytes;
        }

        static CType parse(String type) {
            String[] f = type.strip().split("\\s+");
            int i = 0;
            if (f.length == 0 || f[0].isEmpty()) {
                return null;
            }
            if (f[i].equals("const")) {
                i++;
            }
            if (i >= f.length) {
                return null;
            }
            String ty = f[i++];
            boolean unsigned = false;
            if (ty.equals("unsigned")) {
                if (i == f.length) {
                    return new CType(Kind.INT, 4);
                }
                unsigned = true;
                ty = f[i++];
            }
            CType base;
            switch (ty) {
                case "char" -> base = new CType(Kind.INT, 1);
                case "short" -> base = new CType(Kind.INT, 2);
                case "int" -> base = new CType(Kind.INT, 4);
                case "long" -> {
                    if (i < f.length && f[i].equals("long")) {
                        i++;
                    }
                    base = new CType(Kind.INT, 8);
                }
                default -> {
                    if (unsigned) {
                        return null;
                    }
                    base = switch (ty) {
                        case "u8" -> new CType(Kind.INT, 1);
                        case "u16" -> new CType(Kind.INT, 2);
                        case "u32" -> new CType(Kind.INT, 4);
                        case "u64" -> new CType(Kind.INT, 8);
                        case "size_t" -> new CType(Kind.SIZE, 8);
                        case "bool", "pid_t", "void", "dma_addr_t" -> new CType(Kind.OTHER, 0);
                        default -> null;
                    };
                    if (base == null) {
                        return null;
                    }
                }
            }
            if (i == f.length) {
                return base;
            }
            if (f[i].startsWith("__attribute__")) {
                i++;
            }
            if (i >= f.length || !f[i].equals("*")) {
                return null;
            }
            i++;
            if (i != f.length) {
                return null;
            }
            boolean charBase = base.kind == Kind.INT && base.bytes == 1 && (ty.equals("char"));
            return new CType(charBase ? Kind.POINTER_TO_CHAR : Kind.POINTER_OTHER, 8);
        }
    }
}
