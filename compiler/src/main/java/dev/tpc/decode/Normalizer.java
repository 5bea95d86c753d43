package dev.tpc.decode;

import dev.tpc.lower.Action;
import dev.tpc.lower.Arg;
import dev.tpc.lower.ArgFilter;
import dev.tpc.lower.AttachPoint;
import dev.tpc.lower.BinaryFilter;
import dev.tpc.lower.Bytes;
import dev.tpc.lower.Capabilities;
import dev.tpc.lower.CapabilityFilter;
import dev.tpc.lower.FilterValues;
import dev.tpc.lower.NamespaceChangeFilter;
import dev.tpc.lower.NamespaceFilter;
import dev.tpc.lower.PidFilter;
import dev.tpc.lower.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The normal form of a lowered attach point: what its encoding must decode to. */
final class Normalizer {
    private Normalizer() {}

    static NormalForm.Hook of(AttachPoint ap) {
        List<NormalForm.ArgSlot> slots = new ArrayList<>();
        for (Arg a : ap.args()) {
            slots.add(new NormalForm.ArgSlot(a.position(), a.type().canonicalName(), a.index(), a.meta(), a.tracepointOffset()));
        }
        List<NormalForm.Selector> entry = new ArrayList<>();
        List<NormalForm.Selector> ret = new ArrayList<>();
        for (Selector s : ap.selectors()) {
            entry.add(new NormalForm.Selector(pids(s.pids()), namespaces(s.namespaces()), caps(s.capabilities()),
                    nsChanges(s.namespaceChanges()), caps(s.capabilityChanges()), binaries(s.binaries()),
                    binaries(s.parentBinaries()), args(s.args()), actions(s.actions())));
            ret.add(new NormalForm.Selector(List.of(), List.of(), List.of(), List.of(), List.of(), Optional.empty(),
                    Optional.empty(), args(s.returnArgs()), actions(s.returnActions())));
        }
        return new NormalForm.Hook(slots, ap.returnArgType().map(t -> t.id()).orElse(0), entry,
                ap.hasReturnSelectors() ? Optional.of(ret) : Optional.empty());
    }

    private static List<NormalForm.Pid> pids(List<PidFilter> pids) {
        List<NormalForm.Pid> out = new ArrayList<>();
        for (PidFilter p : pids) {
            if (!p.values().isEmpty()) {
                out.add(new NormalForm.Pid(p.op().canonicalName(), p.namespacePid(), p.followForks(),
                        p.values().stream().map(v -> Long.toString(v & 0xFFFF_FFFFL)).toList()));
            }
        }
        return out;
    }

    private static List<NormalForm.Namespaces> namespaces(List<NamespaceFilter> list) {
        List<NormalForm.Namespaces> out = new ArrayList<>();
        for (NamespaceFilter n : list) {
            if (n.values().isEmpty()) {
                continue;
            }
            List<String> v = new ArrayList<>();
            for (NamespaceFilter.Value x : n.values()) {
                v.add(x instanceof NamespaceFilter.Inode i ? Long.toString(i.inode() & 0xFFFF_FFFFL) : "host_ns");
            }
            out.add(new NormalForm.Namespaces(n.namespace().canonicalName(), n.op().canonicalName(), v));
        }
        return out;
    }

    private static List<NormalForm.Capabilities> caps(List<CapabilityFilter> list) {
        return list.stream().map(c -> new NormalForm.Capabilities(c.set().canonicalName(), c.op().canonicalName(),
                c.namespaceCapability(), Capabilities.names(c.mask()))).toList();
    }

    private static List<NormalForm.NamespaceChanges> nsChanges(List<NamespaceChangeFilter> list) {
        return list.stream().map(c -> new NormalForm.NamespaceChanges(c.op().canonicalName(),
                c.namespaces().stream().map(n -> n.canonicalName()).toList())).toList();
    }

    private static Optional<NormalForm.Binaries> binaries(Optional<BinaryFilter> b) {
        return b.map(f -> new NormalForm.Binaries(f.op().canonicalName(), Render.sortedTexts(f.values()), f.followChildren()));
    }

    private static List<NormalForm.Arg> args(List<ArgFilter> filters) {
        List<NormalForm.Arg> out = new ArrayList<>();
        for (ArgFilter f : filters) {
            Optional<List<String>> v = values(f);
            v.ifPresent(values -> out.add(new NormalForm.Arg(f.position(), f.op().canonicalName(),
                    f.type().canonicalName(), values)));
        }
        return out;
    }

    /** Empty for a value filter without values (dropped from the normal form). */
    private static Optional<List<String>> values(ArgFilter f) {
        FilterValues v = f.values();
        List<String> out;
        boolean valueFilter = true;
        if (v instanceof FilterValues.Ints ints) {
            out = ints.values().stream().map(x -> Render.number(x, f.type(), ints.width())).toList();
        } else if (v instanceof FilterValues.Strings s) {
            out = Render.sortedTexts(s.values());
        } else if (v instanceof FilterValues.Prefixes p) {
            out = Render.sortedTexts(p.values());
        } else if (v instanceof FilterValues.Postfixes p) {
            out = Render.sortedTexts(p.values());
        } else if (v instanceof FilterValues.ValueSet set) {
            out = Render.keys(expand(set), Render.signedKeys(f.op(), f.type()));
        } else if (v instanceof FilterValues.Addresses a) {
            out = a.values().stream().map(c -> Render.address(c.address(), c.prefixLength())).sorted().distinct().toList();
        } else if (v instanceof FilterValues.Ranges r) {
            out = r.values().stream().map(b -> Render.number(b.min(), f.type(), r.width()) + ":"
                    + Render.number(b.max(), f.type(), r.width())).toList();
        } else if (v instanceof FilterValues.SecondArg s) {
            out = List.of("arg:" + s.position());
            valueFilter = false;
        } else if (v instanceof FilterValues.Substrings s) {
            out = s.values().stream().map(Bytes::printable).toList();
        } else {
            out = List.of();
            valueFilter = false;
        }
        return valueFilter && out.isEmpty() ? Optional.empty() : Optional.of(out);
    }

    /** The keys a value set puts in its map (ranges in either order, lists expanded). */
    static List<Long> expand(FilterValues.ValueSet set) {
        List<Long> out = new ArrayList<>();
        for (FilterValues.Item item : set.items()) {
            if (item instanceof FilterValues.Single s) {
                out.add(s.value());
            } else if (item instanceof FilterValues.Range r) {
                FilterValues.Range ordered = r.ordered(set.signedRanges());
                long lo = ordered.lo();
                long hi = ordered.hi();
                for (long i = 0, n = hi - lo + 1; Long.compareUnsigned(i, n) < 0 && i < (1 << 20); i++) {
                    out.add(lo + i);
                }
            } else if (item instanceof FilterValues.ListMembers l) {
                out.addAll(l.values());
            }
        }
        return out;
    }

    static List<NormalForm.Action> actions(List<Action> actions) {
        List<NormalForm.Action> out = new ArrayList<>();
        for (Action a : actions) {
            List<String> p = new ArrayList<>();
            if (a instanceof Action.Post post) {
                post(p, post.rateLimitMs(), post.rateLimitScope(), post.kernelStackTrace(), post.userStackTrace(), post.imaHash());
            } else if (a instanceof Action.Override o) {
                p.add("argError=" + o.argError());
            } else if (a instanceof Action.GetUrl g) {
                p.add("argUrl=" + g.url());
            } else if (a instanceof Action.DnsLookup d) {
                p.add("argFqdn=" + d.fqdn());
            } else if (a instanceof Action.Signal s) {
                p.add("argSig=" + s.argSig());
            } else if (a instanceof Action.TrackSock t) {
                p.add("argSock=" + t.argSock());
            } else if (a instanceof Action.UntrackSock u) {
                p.add("argSock=" + u.argSock());
            } else if (a instanceof Action.NotifyEnforcer n) {
                notify(p, n.argError(), n.argSig(), n.argIndex());
            } else if (a instanceof Action.Set s) {
                p.add("argIndex=" + s.argIndex());
                p.add("argValue=" + s.argValue());
            }
            out.add(new NormalForm.Action(a.kind().canonicalName(), p));
        }
        return out;
    }

    static void post(List<String> p, long rateLimitMs, int scope, boolean kernelStack, boolean userStack, boolean ima) {
        if (rateLimitMs != 0) {
            p.add("rateLimitMs=" + rateLimitMs);
        }
        if (scope != 0) {
            p.add("rateLimitScope=" + switch (scope) {
                case 1 -> "process";
                case 2 -> "global";
                default -> Integer.toString(scope);
            });
        }
        if (kernelStack) {
            p.add("kernelStackTrace=true");
        }
        if (userStack) {
            p.add("userStackTrace=true");
        }
        if (ima) {
            p.add("imaHash=true");
        }
    }

    static void notify(List<String> p, int error, long sig, long index) {
        p.add("argError=" + error);
        p.add("argSig=" + sig);
        if (index != Action.NotifyEnforcer.NO_ARG_INDEX) {
            p.add("argIndex=" + index);
        }
    }
}
