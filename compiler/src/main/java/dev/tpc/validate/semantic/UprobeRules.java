package dev.tpc.validate.semantic;

import dev.tpc.diag.Quoted;
import dev.tpc.diag.SemanticRule;
import dev.tpc.diag.TargetRule;
import dev.tpc.target.Feature;
import dev.tpc.yaml.MappingNode;
import dev.tpc.yaml.ScalarNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Uprobes and USDT probes. */
final class UprobeRules {
    private static final Pattern DIGEST = Pattern.compile("([^:]+):(.*)");
    private static final Set<String> ALGORITHMS = Set.of("sha256", "sha384", "sha512", "sha1", "build-id");

    private UprobeRules() {}

    static void check(Policy policy, Hook hook) {
        if (hook.kind() == HookKind.UPROBE) {
            addressing(policy, hook);
            digests(policy, hook);
            for (HookArg a : hook.args()) {
                if (a.index() > 4) {
                    ArgRules.outOfBounds(policy, a);
                }
                if (!Tree.text(a.node(), "source").isEmpty()) {
                    policy.findings.add(SemanticRule.ARG_SOURCE_NOT_ALLOWED, a.node().valueSpan("source"),
                            "args[" + a.position() + "] sets source; only data entries may (\"standard argument can't have source set\")",
                            "move the entry to data, or remove source");
                }
                if (a.type().equals("string")) {
                    policy.findings.lacking(TargetRule.UPROBE_STRING_PRELOAD, Feature.COPY_FROM_USER_STR, ArgRules.typeSpan(a),
                            "a uprobe string argument is read with the kfunc bpf_copy_from_user_str, which the target lacks "
                                    + "(\"can't preload string for argument " + a.position() + "\")",
                            "read the argument as char_buf with a sizeArgIndex on these targets");
                }
            }
        } else if (hook.args().size() > 5) {
            policy.findings.add(SemanticRule.TOO_MANY_ARGUMENTS, hook.args().get(5).node().span(),
                    "the USDT probe reads " + hook.args().size() + " arguments (\"too many arguments (" + hook.args().size() + ") allowed 5\")",
                    "read at most 5 arguments");
        }
        for (Selector s : hook.selectors()) {
            for (MappingNode a : s.entries("matchActions")) {
                String action = Policy.action(a);
                if (action.equals("override") && hook.kind() == HookKind.UPROBE) {
                    policy.findings.lacking(TargetRule.UPROBE_REGS_CHANGE, Feature.UPROBE_REGS_CHANGE, a.valueSpan("action"),
                            "uprobe Override changes registers, which the target may not allow (\"can't use override regs action, no kernel support\")",
                            "use Sigkill or Signal on these targets");
                }
                if (action.equals("set")) {
                    long index = Tree.integer(a, "argIndex", 0);
                    if (index >= hook.args().size()) {
                        policy.findings.add(SemanticRule.SET_ACTION, Tree.written(a, "argIndex") ? a.valueSpan("argIndex") : a.valueSpan("action"),
                                "Set writes argument " + index + ", but the probe declares " + hook.args().size() + " args",
                                "argIndex is the position of the argument in args");
                    }
                }
            }
        }
    }

    private static void addressing(Policy policy, Hook hook) {
        MappingNode h = hook.node();
        int symbols = Tree.list(h, "symbols").size();
        int offsets = Tree.list(h, "offsets").size();
        int addrs = Tree.list(h, "addrs").size();
        if (symbols == 0 && offsets == 0 && addrs == 0) {
            policy.findings.add(SemanticRule.UPROBE_ADDRESSING, h.valueSpan("path"),
                    "the uprobe gives none of symbols, offsets or addrs (\"uprobe needs exactly one of either Symbols, Offsets or Addrs defined\")",
                    "add symbols: [main] (or offsets or addrs)");
        }
        int ref = Tree.list(h, "refCtrOffsets").size();
        int base = symbols > 0 ? symbols : offsets;
        if (ref > 0 && ref != base) {
            policy.findings.add(SemanticRule.REF_CTR_OFFSETS, h.keySpan("refCtrOffsets"),
                    "refCtrOffsets has " + ref + " entries for " + base + " " + (symbols > 0 ? "symbols" : "offsets")
                            + " (\"RefCtrOffsets(" + ref + ") has different dimension than " + (symbols > 0 ? "Symbols" : "Offsets") + "(" + base + ")\")",
                    "give one reference-counter offset per symbol or offset");
        }
    }

    private static void digests(Policy policy, Hook hook) {
        for (ScalarNode d : Tree.scalars(hook.node(), "binaryDigests")) {
            String s = Tree.string(d);
            var m = DIGEST.matcher(s);
            if (!m.matches() || m.group(2).isEmpty()) {
                policy.findings.add(SemanticRule.BINARY_DIGEST, d.span(),
                        "'" + Quoted.text(s) + "' is not <algo>:<hash> (\"invalid digest format, expected '<algo>:<hash>' but got '" + Quoted.text(s) + "'\")",
                        "write e.g. sha256:<64 hex digits>");
            } else if (!ALGORITHMS.contains(m.group(1))) {
                policy.findings.add(SemanticRule.BINARY_DIGEST, d.span(),
                        "digest algorithm '" + Quoted.text(m.group(1)) + "' is not supported (\"unsupported digest algorithm '" + Quoted.text(m.group(1)) + "'\")",
                        "use sha256, sha384, sha512, sha1 or build-id");
            }
        }
    }

    /** With uprobe_multi, the uprobes of one binary must all be addressed the same way. */
    static void checkPolicyWide(Policy policy) {
        if (policy.optionTrue("disable-uprobe-multi")) {
            return;
        }
        Map<String, String> methodOfPath = new LinkedHashMap<>();
        for (Hook h : policy.hooks) {
            if (h.kind() != HookKind.UPROBE) {
                continue;
            }
            String method = !Tree.list(h.node(), "symbols").isEmpty() ? "symbols" : !Tree.list(h.node(), "offsets").isEmpty() ? "offsets" : "addrs";
            String path = Tree.text(h.node(), "path");
            String first = methodOfPath.putIfAbsent(path, method);
            if (first != null && !first.equals(method)) {
                policy.findings.onTargets(TargetRule.UPROBE_MULTI_ADDRESSING, h.node().valueSpan("path"),
                        "uprobes on " + Quoted.text(path) + " use both " + first + " and " + method + ", which uprobe_multi cannot combine "
                                + "(\"multi-uprobe requires uprobes for the same hook path\")",
                        "address every uprobe on this binary the same way, or add to spec.options: {name: disable-uprobe-multi, value: \"true\"}",
                        Feature.UPROBE_MULTI, p -> p.has(Feature.UPROBE_MULTI));
            }
        }
    }
}
