package dev.tpc.explain;

import dev.tpc.bundle.BundleManifest;
import dev.tpc.bundle.LoaderConfig;
import dev.tpc.decode.Decoder;
import dev.tpc.decode.NormalForm;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The human rendering of an {@link Explanation}: one block per target, one per hook, one per selector. */
public final class ExplanationText {
    private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_./:+@%=-]+");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,25}");

    private ExplanationText() {}

    public static String render(Explanation e) {
        StringBuilder out = new StringBuilder();
        BundleManifest m = e.manifest();
        out.append(m.kind()).append(" \"").append(m.qualifiedName()).append("\" from ").append(m.sourceName())
                .append(" (document ").append(m.document()).append(", sha256 ").append(m.sourceSha256(), 0, 12)
                .append("…), mode ").append(m.policyMode()).append(", ").append(m.arch().id()).append('\n');
        out.append("bundle ").append(e.source()).append(": ").append(m.format()).append(", tpc ").append(m.toolVersion())
                .append(", Tetragon ").append(m.tetragonVersion()).append(", sha256 ").append(e.bundleSha256()).append('\n');
        for (Explanation.Target t : e.targets()) {
            out.append('\n').append("target ").append(t.target().name()).append(" (kernel ").append(t.target().kernel())
                    .append("): ").append(t.hooks().size()).append(t.hooks().size() == 1 ? " hook" : " hooks").append('\n');
            for (Explanation.Hook h : t.hooks()) {
                hook(out, h);
            }
        }
        return out.toString();
    }

    private static void hook(StringBuilder out, Explanation.Hook h) {
        LoaderConfig c = h.config();
        out.append("  [").append(c.hook()).append("] ").append(c.kind().name().toLowerCase(java.util.Locale.ROOT))
                .append(' ').append(c.name()).append("  (").append(c.kind().section()).append('[').append(c.specIndex())
                .append("])\n");
        out.append("      template: ").append(c.template().map(t -> t.object() + " " + t.variant()
                        + (t.returnProgram().isEmpty() ? "" : " (return program " + t.returnProgram() + ")"))
                .orElse("none: " + c.templateUnavailable())).append('\n');
        if (h.decoded() instanceof Decoder.Result.Invalid invalid) {
            out.append("      cannot decode: ").append(invalid.reason()).append('\n');
            return;
        }
        NormalForm.Hook n = ((Decoder.Result.Decoded) h.decoded()).hook();
        if (!n.args().isEmpty()) {
            List<String> args = new ArrayList<>();
            for (NormalForm.ArgSlot a : n.args()) {
                String label = c.event().args().stream().filter(x -> x.position() == a.position())
                        .map(LoaderConfig.ArgInfo::label).filter(l -> !l.isEmpty()).findFirst().map(l -> " \"" + l + "\"").orElse("");
                args.add(a.position() + ": " + a.type() + label + " (index " + a.index() + ")");
            }
            out.append("      args: ").append(String.join(", ", args)).append('\n');
        }
        if (n.selectors().isEmpty()) {
            out.append("      no selectors: every event is posted\n");
        }
        selectors(out, n.selectors(), "selector");
        n.returnSelectors().ifPresent(r -> selectors(out, r, "return selector"));
        for (LoaderConfig.Relocation r : c.relocations()) {
            out.append("      node value: ").append(r.fact().label()).append(" at ").append(r.entry())
                    .append(r.map().isEmpty() ? "" : " " + r.map() + "[" + r.key() + "]").append(" +").append(r.offset())
                    .append('\n');
        }
    }

    private static void selectors(StringBuilder out, List<NormalForm.Selector> selectors, String what) {
        for (int i = 0; i < selectors.size(); i++) {
            NormalForm.Selector s = selectors.get(i);
            out.append("      ").append(what).append(' ').append(i + 1).append('\n');
            for (NormalForm.Pid p : s.pids()) {
                line(out, "matchPIDs", p.operator() + " " + list(p.values())
                        + flags(p.namespacePid() ? "namespace PIDs" : null, p.followForks() ? "followForks" : null));
            }
            for (NormalForm.Namespaces ns : s.namespaces()) {
                line(out, "matchNamespaces", ns.namespace() + " " + ns.operator() + " " + list(ns.values()));
            }
            for (NormalForm.Capabilities cap : s.capabilities()) {
                line(out, "matchCapabilities", cap.set() + " " + cap.operator() + " " + list(cap.capabilities())
                        + flags(cap.namespaceCapability() ? "isNamespaceCapability" : null));
            }
            for (NormalForm.NamespaceChanges ch : s.namespaceChanges()) {
                line(out, "matchNamespaceChanges", ch.operator() + " " + list(ch.namespaces()));
            }
            for (NormalForm.Capabilities cap : s.capabilityChanges()) {
                line(out, "matchCapabilityChanges", cap.set() + " " + cap.operator() + " " + list(cap.capabilities())
                        + flags(cap.namespaceCapability() ? "isNamespaceCapability" : null));
            }
            binaries(out, "matchBinaries", s.binaries());
            binaries(out, "matchParentBinaries", s.parentBinaries());
            for (NormalForm.Arg a : s.args()) {
                line(out, "matchArgs", "arg " + a.position() + " (" + a.type() + ") " + a.operator()
                        + (a.values().isEmpty() ? "" : " " + list(a.values())));
            }
            if (s.actions().isEmpty()) {
                line(out, "matchActions", "(none: Post)");
            }
            for (NormalForm.Action a : s.actions()) {
                line(out, "matchActions", a.action() + (a.parameters().isEmpty() ? "" : " " + String.join(" ", a.parameters())));
            }
        }
    }

    private static void binaries(StringBuilder out, String what, Optional<NormalForm.Binaries> b) {
        b.ifPresent(x -> line(out, what, x.operator() + " " + list(x.values()) + flags(x.followChildren() ? "followChildren" : null)));
    }

    private static void line(StringBuilder out, String section, String text) {
        out.append("        ").append(section).append(": ").append(text).append('\n');
    }

    private static String flags(String... flags) {
        List<String> set = new ArrayList<>();
        for (String f : flags) {
            if (f != null) {
                set.add(f);
            }
        }
        return set.isEmpty() ? "" : " (" + String.join(", ", set) + ")";
    }

    /**
     * Values as written by the normal form, quoted when they hold spaces, commas or quotes; three
     * or more consecutive integers (an expanded InMap range) are shown as {@code lo:hi}.
     */
    static String list(List<String> values) {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            int end = i;
            while (end + 1 < values.size() && consecutive(values.get(end), values.get(end + 1))) {
                end++;
            }
            if (end - i >= 2) {
                shown.add(values.get(i) + ":" + values.get(end));
                i = end;
                continue;
            }
            String v = values.get(i);
            shown.add(BARE.matcher(v).matches() ? v : "\"" + v.replace("\"", "\\\"") + "\"");
        }
        return "[" + String.join(", ", shown) + "]";
    }

    private static boolean consecutive(String a, String b) {
        if (!INTEGER.matcher(a).matches() || !INTEGER.matcher(b).matches()) {
            return false;
        }
        return new java.math.BigInteger(b).subtract(new java.math.BigInteger(a)).equals(java.math.BigInteger.ONE);
    }
}
