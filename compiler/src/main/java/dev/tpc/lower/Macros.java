package dev.tpc.lower;

import dev.tpc.diag.SourceSpan;
import dev.tpc.model.ArgSelector;
import dev.tpc.model.KProbeSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Selector macros ({@code spec.selectorsMacros}, Tetragon's {@code appendMacrosSelectors}): every
 * field a macro sets is copied into the selector that names it; a field set twice (in the
 * selector and a macro, or in two macros) is an error; the macro's label fills an empty one;
 * matchWorkloads is never taken from a macro.
 */
final class Macros {
    private Macros() {}

    static List<KProbeSelector> apply(List<KProbeSelector> selectors, Map<String, KProbeSelector> macros, String wrap) {
        List<KProbeSelector> out = new ArrayList<>();
        for (KProbeSelector s : selectors) {
            KProbeSelector cur = s;
            for (int i = 0; i < s.macros().size(); i++) {
                String name = s.macros().get(i);
                SourceSpan span = s.itemSpan("macros", i);
                if (macros.isEmpty()) {
                    throw new LoweringFailure(wrap + ": macro '" + name
                            + "' is used in selector, but no macros were defined in policy spec", span);
                }
                KProbeSelector m = macros.get(name);
                if (m == null) {
                    throw new LoweringFailure(wrap + ": undefined macro '" + name + "'", span);
                }
                if (!m.macros().isEmpty()) {
                    throw new LoweringFailure(wrap + ": macro definition cannot use other macros", span);
                }
                cur = merge(cur, m, wrap, span);
            }
            out.add(cur);
        }
        return out;
    }

    private static KProbeSelector merge(KProbeSelector s, KProbeSelector m, String wrap, SourceSpan span) {
        return new KProbeSelector(s.node(),
                s.label() == null || s.label().isEmpty() ? m.label() : s.label(),
                s.macros(),
                pick(s.matchPIDs(), m.matchPIDs(), "PIDSelector", wrap, span),
                pick(s.matchArgs(), m.matchArgs(), "ArgSelector", wrap, span),
                pick(s.matchData(), m.matchData(), "ArgSelector", wrap, span),
                pick(s.matchReturnArgs(), m.matchReturnArgs(), "ArgSelector", wrap, span),
                pick(s.matchActions(), m.matchActions(), "ActionSelector", wrap, span),
                pick(s.matchReturnActions(), m.matchReturnActions(), "ActionSelector", wrap, span),
                pick(s.matchBinaries(), m.matchBinaries(), "BinarySelector", wrap, span),
                pick(s.matchParentBinaries(), m.matchParentBinaries(), "BinarySelector", wrap, span),
                pick(s.matchNamespaces(), m.matchNamespaces(), "NamespaceSelector", wrap, span),
                pick(s.matchNamespaceChanges(), m.matchNamespaceChanges(), "NamespaceChangesSelector", wrap, span),
                pick(s.matchCapabilities(), m.matchCapabilities(), "CapabilitiesSelector", wrap, span),
                pick(s.matchCapabilityChanges(), m.matchCapabilityChanges(), "CapabilitiesSelector", wrap, span),
                s.matchWorkloads());
    }

    private static <T> List<T> pick(List<T> own, List<T> macro, String type, String wrap, SourceSpan span) {
        if (macro.isEmpty()) {
            return own;
        }
        if (!own.isEmpty()) {
            throw new LoweringFailure(wrap + ": []v1alpha1." + type
                    + ": field is defined in multiple macros and/or policy selectors", span);
        }
        return macro;
    }

    /** The selector with other matchArgs (tracepoint index rewriting). */
    static KProbeSelector withMatchArgs(KProbeSelector s, List<ArgSelector> matchArgs) {
        return new KProbeSelector(s.node(), s.label(), s.macros(), s.matchPIDs(), matchArgs, s.matchData(),
                s.matchReturnArgs(), s.matchActions(), s.matchReturnActions(), s.matchBinaries(),
                s.matchParentBinaries(), s.matchNamespaces(), s.matchNamespaceChanges(), s.matchCapabilities(),
                s.matchCapabilityChanges(), s.matchWorkloads());
    }
}
