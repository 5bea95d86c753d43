package dev.tpc.encode;

import dev.tpc.diag.SourceSpan;
import dev.tpc.lower.Action;
import dev.tpc.lower.ArgFilter;
import dev.tpc.lower.ArgType;
import dev.tpc.lower.BinaryFilter;
import dev.tpc.lower.Bytes;
import dev.tpc.lower.CapabilityFilter;
import dev.tpc.lower.FilterValues;
import dev.tpc.lower.NamespaceChangeFilter;
import dev.tpc.lower.NamespaceFilter;
import dev.tpc.lower.NodeFact;
import dev.tpc.lower.Operator;
import dev.tpc.lower.PidFilter;
import dev.tpc.lower.Selector;
import java.util.List;

/**
 * Writes one selector list into a filter blob, the way Tetragon's {@code KernelSelectorState}
 * does, and collects the inner maps it allocates (IDs counted per state, i.e. per hook and side).
 */
final class SelectorEncoder {
    /** Tetragon's MaxSelectors. */
    static final int MAX_SELECTORS = 5;

    private final EncodingVariant variant;
    private final boolean returnSide;
    private final BlobWriter blob = new BlobWriter();
    final SelectorMaps maps;
    private final List<String> actionArgs;

    SelectorEncoder(EncodingVariant variant, boolean returnSide, List<String> actionArgs, SelectorMaps.SharedMaps shared) {
        this.variant = variant;
        this.returnSide = returnSide;
        this.maps = new SelectorMaps(variant, shared);
        this.actionArgs = actionArgs;
    }

    byte[] encode(List<Selector> selectors, SourceSpan hookSpan) {
        if (selectors.size() > MAX_SELECTORS) {
            throw new EncodingFailure("no more than " + MAX_SELECTORS + " selectors supported (" + selectors.size()
                    + " provided)", hookSpan);
        }
        blob.blame(hookSpan);
        blob.u32(selectors.size());
        int[] soff = new int[selectors.size()];
        for (int i = 0; i < selectors.size(); i++) {
            soff[i] = blob.advance();
        }
        for (int i = 0; i < selectors.size(); i++) {
            Selector s = selectors.get(i);
            blob.blame(s.span());
            blob.closeLength(soff[i]);
            int loff = blob.advance();
            if (returnSide) {
                args(s.returnArgs(), s.span());
                actions(s.returnActions(), s.span());
            } else {
                pids(s.pids());
                namespaces(s.namespaces(), s.span());
                capabilities(s.capabilities());
                namespaceChanges(s.namespaceChanges(), s.span());
                capabilities(s.capabilityChanges());
                s.binaries().ifPresent(b -> binaries(b, s.index(), s.span()));
                s.parentBinaries().ifPresent(b -> binaries(b, s.index() + MAX_SELECTORS, s.span()));
                args(s.args(), s.span());
                actions(s.actions(), s.span());
            }
            blob.closeLength(loff);
        }
        return blob.toArray();
    }

    private PatchSite.Region region() {
        return returnSide ? PatchSite.Region.RETURN_FILTER : PatchSite.Region.FILTER;
    }

    private void pids(List<PidFilter> pids) {
        int loff = blob.advance();
        for (PidFilter p : pids) {
            blob.u32(p.op().id());
            blob.u32(p.flags());
            blob.u32(p.values().size());
            p.values().forEach(blob::u32);
        }
        blob.closeLength(loff);
    }

    private void namespaces(List<NamespaceFilter> filters, SourceSpan span) {
        int max = variant.largePrograms() ? 10 : 4;
        if (filters.size() > max) {
            throw new EncodingFailure("parseMatchNamespaces error: matchNamespace supports up to " + max
                    + " filters (current number of filters is " + filters.size() + ")", span);
        }
        int loff = blob.advance();
        for (NamespaceFilter f : filters) {
            inOrNotIn(f.op(), "matchNamespace", span);
            if (f.values().size() > 4) {
                throw new EncodingFailure("parseMatchNamespaces error: matchNamespace supports up to 4 values per filter"
                        + " (current number of values is " + f.values().size() + ")", span);
            }
            blob.u32(f.namespace().id());
            blob.u32(f.op().id());
            blob.u32(f.values().size());
            for (NamespaceFilter.Value v : f.values()) {
                if (v instanceof NamespaceFilter.Inode i) {
                    blob.u32(i.inode());
                } else {
                    maps.patches.add(new PatchSite(new NodeFact.HostNamespaceInode(f.namespace()), region(), -1,
                            blob.offset(), 4));
                    blob.u32(0);
                }
            }
        }
        blob.closeLength(loff);
    }

    private void capabilities(List<CapabilityFilter> filters) {
        int loff = blob.advance();
        for (CapabilityFilter c : filters) {
            blob.u32(c.set().id());
            blob.u32(c.op().id());
            if (c.namespaceCapability()) {
                maps.patches.add(new PatchSite(new NodeFact.HostUserNamespaceInode(), region(), -1, blob.offset(), 4));
            }
            blob.u32(0);
            blob.u64(c.mask());
        }
        blob.closeLength(loff);
    }

    private void namespaceChanges(List<NamespaceChangeFilter> filters, SourceSpan span) {
        if (filters.size() > 1) {
            throw new EncodingFailure("parseMatchNamespaceChanges error: matchNamespaceChanges supports only a single filter"
                    + " (current number of filters is " + filters.size() + ")", span);
        }
        if (filters.size() == 1 && !variant.largePrograms()) {
            throw new EncodingFailure("parseMatchNamespaceChanges error: matchNamespaceChanges is only supported in kernels >= 5.3", span);
        }
        int loff = blob.advance();
        for (NamespaceChangeFilter f : filters) {
            inOrNotIn(f.op(), "matchNamespaceChanges", span);
            blob.u32(f.op().id());
            blob.u32(f.mask());
        }
        blob.closeLength(loff);
    }

    private void inOrNotIn(Operator op, String what, SourceSpan span) {
        if (op != Operator.IN && op != Operator.NOT_IN) {
            throw new EncodingFailure(what + " supports only In and NotIn operators", span);
        }
    }

    private void binaries(BinaryFilter b, int key, SourceSpan span) {
        String what = key < MAX_SELECTORS ? "matchBinaries" : "matchParentBinaries";
        int mapId = 0;
        switch (b.op()) {
            case IN, NOT_IN -> {
                for (Bytes v : b.values()) {
                    if (v.length() > 255) {
                        throw new EncodingFailure("parse" + capital(what) + " error: " + what
                                + " error: Binary names > 255 chars not supported", span);
                    }
                }
                maps.binaryPaths(key, b.values());
            }
            case PREFIX, NOT_PREFIX, POSTFIX, NOT_POSTFIX -> {
                if (!variant.largePrograms()) {
                    String name = b.op() == Operator.PREFIX || b.op() == Operator.NOT_PREFIX ? "Prefix" : "Postfix";
                    throw new EncodingFailure("parse" + capital(what) + " error: " + what + " error: \"" + name
                            + "\" and \"Not" + name + "\" operators need large BPF progs (kernel>5.3)", span);
                }
                mapId = b.op() == Operator.PREFIX || b.op() == Operator.NOT_PREFIX
                        ? maps.prefixMap(b.values(), span, "MatchBinaries")
                        : maps.postfixMap(b.values(), false, span, "MatchBinaries");
            }
            default -> throw new EncodingFailure("parse" + capital(what) + " error: " + what
                    + " error: Only \"In\", \"NotIn\", \"Prefix\", \"NotPrefix\", \"Postfix\" and \"NotPostfix\" operators are supported", span);
        }
        if (b.followChildren() && b.op() != Operator.IN && b.op() != Operator.NOT_IN) {
            throw new EncodingFailure(what + ": followChildren not yet implemented for operation '" + b.op().canonicalName() + "'", span);
        }
        maps.binaryOptions(key, b.op().id(), mapId, b.followChildren());
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private void args(List<ArgFilter> filters, SourceSpan span) {
        int max = variant.largePrograms() ? 5 : 1;
        if (filters.size() > max) {
            throw new EncodingFailure("parseMatchArgs  error: parseMatchArgs: supports up to " + max + " filters ("
                    + filters.size() + " provided)", span);
        }
        int sectionStart = blob.offset();
        int loff = blob.advance();
        int[] argOff = new int[5];
        for (int i = 0; i < 5; i++) {
            argOff[i] = blob.advance();
        }
        for (int i = 0; i < filters.size(); i++) {
            ArgFilter f = filters.get(i);
            blob.putU32(argOff[i], blob.offset() - sectionStart);
            blob.blame(f.span());
            filter(f);
        }
        blob.closeLength(loff);
    }

    private void filter(ArgFilter f) {
        Operator op = f.op();
        if (!variant.largePrograms() && (op == Operator.GREATER_THAN || op == Operator.LESS_THAN
                || op == Operator.CAPABILITIES_GAINED)) {
            throw new EncodingFailure("parseMatchArgs  error: matcharg error: operator " + op.id() + " (" + op.canonicalName()
                    + ") is only supported in kernels supporting large programs (normally versions >= 5.3)", f.span());
        }
        blob.u32(f.position());
        blob.u32(op.id());
        int moff = blob.advance();
        blob.u32(f.type().id());
        FilterValues values = f.values();
        if (values instanceof FilterValues.Ints ints) {
            boolean narrow = f.type() == ArgType.INT16 || f.type() == ArgType.INT8 || f.type() == ArgType.UINT16
                    || f.type() == ArgType.UINT8;
            if (narrow && !ints.values().isEmpty() && !variant.largePrograms()
                    && op != Operator.FILE_TYPE && op != Operator.NOT_FILE_TYPE) {
                throw new EncodingFailure("parseMatchArgs  error: writeMatchValues error: MatchArgs type "
                        + f.type().canonicalName() + " is only supported in kernels supporting large programs"
                        + " (normally versions >= 5.3)", f.span());
            }
            if (ints.values().size() > 4) {
                throw new EncodingFailure("parseMatchArgs  error: writeMatchValues error: selector does not support more"
                        + " than 4 values: consider using InMap or NotInMap operators", f.span());
            }
            for (long v : ints.values()) {
                if (ints.width() == 4) {
                    blob.u32(v);
                } else {
                    blob.u64(v);
                }
            }
        } else if (values instanceof FilterValues.Strings s) {
            for (long id : maps.stringMaps(s.values(), f.span())) {
                blob.u32(id);
            }
        } else if (values instanceof FilterValues.Prefixes p) {
            blob.u32(maps.prefixMap(p.values(), f.span(), "MatchArgs"));
        } else if (values instanceof FilterValues.Postfixes p) {
            blob.u32(maps.postfixMap(p.values(), true, f.span(), "MatchArgs"));
        } else if (values instanceof FilterValues.ValueSet v) {
            blob.u32(maps.valueMap(v, f.span()));
        } else if (values instanceof FilterValues.Addresses a) {
            long[] ids = maps.addressMaps(a.values());
            blob.u32(ids[0]);
            blob.u32(ids[1]);
        } else if (values instanceof FilterValues.Ranges r) {
            if (r.values().size() > 4) {
                throw new EncodingFailure("parseMatchArgs  error: writeMatchValuesIntervals error: selector does not"
                        + " support more than 4 values", f.span());
            }
            for (FilterValues.Bound b : r.values()) {
                if (r.width() == 4) {
                    blob.u32(b.min());
                    blob.u32(b.max());
                } else {
                    blob.u64(b.min());
                    blob.u64(b.max());
                }
            }
        } else if (values instanceof FilterValues.SecondArg s) {
            blob.u32(s.position());
        } else if (values instanceof FilterValues.Substrings s) {
            for (Bytes v : s.values()) {
                blob.u32(maps.substring(v, f.span()));
            }
        } else if (values instanceof FilterValues.CelExpression) {
            throw new EncodingFailure(
                    "CelExpr filters are compiled to BPF code by Tetragon's agent; tpc cannot encode them", f.span());
        }
        blob.closeLength(moff);
    }

    private void actions(List<Action> actions, SourceSpan span) {
        if (actions.size() > 3) {
            throw new EncodingFailure("parseMatchActions error: only 3 actions are support for selector (current number of"
                    + " values is " + actions.size() + ")", span);
        }
        int loff = blob.advance();
        for (Action a : actions) {
            blob.u32(a.kind().id());
            if (a instanceof Action.Post p) {
                blob.u32(p.rateLimitMs());
                blob.u32(p.rateLimitScope());
                blob.u32(p.kernelStackTrace() ? 1 : 0);
                blob.u32(p.userStackTrace() ? 1 : 0);
                blob.u32(p.imaHash() ? 1 : 0);
            } else if (a instanceof Action.Override o) {
                blob.u32(o.argError());
            } else if (a instanceof Action.GetUrl g) {
                blob.u32(actionArg(g.url()));
            } else if (a instanceof Action.DnsLookup d) {
                blob.u32(actionArg(d.fqdn()));
            } else if (a instanceof Action.Signal sig) {
                blob.u32(sig.argSig());
            } else if (a instanceof Action.TrackSock t) {
                blob.u32(t.argSock());
            } else if (a instanceof Action.UntrackSock u) {
                blob.u32(u.argSock());
            } else if (a instanceof Action.NotifyEnforcer n) {
                blob.u32(n.argError());
                blob.u32(n.argSig());
                blob.u32(n.argIndex());
            } else if (a instanceof Action.Set set) {
                blob.u32(set.argIndex());
                blob.u32(set.argValue());
            }
        }
        blob.closeLength(loff);
    }

    /** Tetragon's per-hook idtable: IDs are handed out in order, entry selectors first. */
    private int actionArg(String arg) {
        actionArgs.add(arg);
        return actionArgs.size() - 1;
    }
}
