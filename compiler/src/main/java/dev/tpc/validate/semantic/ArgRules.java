package dev.tpc.validate.semantic;

import dev.tpc.diag.LintRule;
import dev.tpc.diag.Quoted;
import dev.tpc.diag.SemanticRule;
import dev.tpc.diag.TargetRule;
import dev.tpc.target.Arch;
import dev.tpc.target.Feature;
import dev.tpc.yaml.MappingNode;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Rules on a hook's args, data and their options (type, index, source, resolve, sizeArgIndex, maxData). */
final class ArgRules {
    private static final Pattern RESOLVE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\[\\d+\\])?(\\.[A-Za-z_][A-Za-z0-9_]*(\\[\\d+\\])?)*");
    private static final Set<String> X86_REGISTERS = Set.of(
            "ax", "bx", "cx", "dx", "si", "di", "bp", "sp", "ip", "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp", "rip",
            "eax", "ebx", "ecx", "edx", "esi", "edi", "ebp", "esp", "eip", "al", "bl", "cl", "dl", "sil", "dil", "bpl", "spl",
            "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "orig_ax", "orig_rax", "flags", "cs", "ss");
    private static final Pattern X86_NUMBERED = Pattern.compile("r(8|9|1[0-5])[dwb]?");
    private static final Pattern ARM64_REGISTER = Pattern.compile("[xw]([0-9]|[12][0-9]|30)|sp|pc|fp|lr|pstate");

    private ArgRules() {}

    /** kprobe and fentry arguments. */
    static void kernelArgs(Policy policy, Hook hook) {
        for (HookArg a : hook.args()) {
            if (a.type().equals("auto") || a.type().equals("syscall64")) {
                policy.findings.add(SemanticRule.ARG_TYPE_AUTO, typeSpan(a),
                        "args[" + a.position() + "] has type '" + a.type() + "', which " + hook.kind().section + " cannot use "
                                + "(\"args[" + a.position() + "].type: type '" + a.type() + "' is invalid for kprobes\")",
                        "give the argument an explicit type such as int, uint64, string, char_buf, file or path");
            }
            if (a.index() > 4) {
                outOfBounds(policy, a);
            }
            if (!Tree.text(a.node(), "source").isEmpty()) {
                policy.findings.add(SemanticRule.ARG_SOURCE_NOT_ALLOWED, a.node().valueSpan("source"),
                        "args[" + a.position() + "] sets source; only data entries may "
                                + "(\"standard argument is not allowed to have source configured, current value: '" + Quoted.text(Tree.text(a.node(), "source")) + "'\")",
                        "move the entry to data, or remove source");
            }
        }
        for (HookArg d : hook.data()) {
            dataEntry(policy, d);
        }
        tooManyArgs(policy, hook);
    }

    static void outOfBounds(Policy policy, HookArg a) {
        policy.findings.add(SemanticRule.ARG_INDEX_OUT_OF_BOUNDS, a.node().valueSpan("index"),
                "args[" + a.position() + "] reads function argument " + a.index() + ", but only arguments 0 to 4 can be read "
                        + "(\"error add arg: ArgType " + a.type() + " Index " + a.index() + " out of bounds\")",
                "index counts the function's parameters from 0; hook a function whose interesting argument is among its first five");
    }

    static void tooManyArgs(Policy policy, Hook hook) {
        int n = hook.args().size() + hook.data().size();
        if (n > 5) {
            MappingNode sixth = n > hook.args().size() && hook.args().size() < 6
                    ? hook.data().get(5 - hook.args().size()).node() : hook.args().get(5).node();
            policy.findings.add(SemanticRule.TOO_MANY_ARGUMENTS, sixth.span(),
                    "the hook reads " + n + " arguments, more than 5 (\"too many arguments, max 5: args("
                            + hook.args().size() + ") data(" + hook.data().size() + ")\")",
                    "read at most 5 values per hook; split the hook or drop some arguments");
        }
    }

    private static void dataEntry(Policy policy, HookArg d) {
        String source = Tree.text(d.node(), "source");
        String resolve = Tree.text(d.node(), "resolve");
        if (!source.equals("current_task") && !source.equals("pt_regs")) {
            policy.findings.add(SemanticRule.DATA_SOURCE, d.node().valueSpan(Tree.written(d.node(), "source") ? "source" : "index"),
                    "data[" + d.position() + "] has source '" + Quoted.text(source) + "' (\"data argument has wrong source '" + Quoted.text(source) + "'\")",
                    "a data entry reads from current_task or pt_regs");
        }
        if (resolve.isEmpty()) {
            policy.findings.add(SemanticRule.DATA_WITHOUT_RESOLVE, d.node().span(),
                    "data[" + d.position() + "] has no resolve path (\"data argument missing 'resolve' setup\")",
                    "add resolve: the field path to read, e.g. mm.owner.real_parent.comm, or a register name for pt_regs");
            return;
        }
        if (source.equals("pt_regs") && !isRegister(policy.arch(), resolve)) {
            policy.findings.add(SemanticRule.PT_REGS_REGISTER, d.node().valueSpan("resolve"),
                    "'" + Quoted.text(resolve) + "' is not a " + policy.arch().id() + " register (\"error: Failed to retrieve register argument '" + Quoted.text(resolve) + "'\")",
                    policy.arch() == Arch.X86_64 ? "name a register such as rdi, rsi, rdx, r8" : "name a register such as x0 to x30, sp or pc");
        }
    }

    private static boolean isRegister(Arch arch, String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        return arch == Arch.X86_64 ? X86_REGISTERS.contains(n) || X86_NUMBERED.matcher(n).matches() : ARM64_REGISTER.matcher(n).matches();
    }

    /** Rules every hook kind shares: resolve syntax, sizeArgIndex, maxData. */
    static void common(Policy policy, Hook hook) {
        List<HookArg> all = new java.util.ArrayList<>(hook.args());
        hook.returnArg().ifPresent(all::add);
        for (HookArg a : all) {
            long size = Tree.integer(a.node(), "sizeArgIndex", 0);
            if (size > 15) {
                policy.findings.add(SemanticRule.SIZE_ARG_INDEX, a.node().valueSpan("sizeArgIndex"),
                        "sizeArgIndex " + size + " is larger than 15 (\"invalid SizeArgIndex value (>15): " + size + "\")",
                        "sizeArgIndex is the size argument's index plus one, at most 15");
            }
            resolve(policy, a);
            maxData(policy, a);
        }
        if (hook.kind() != HookKind.KPROBE && hook.kind() != HookKind.FENTRY) {
            for (HookArg d : hook.data()) {
                resolve(policy, d);
            }
        }
    }

    private static void resolve(Policy policy, HookArg a) {
        String r = Tree.text(a.node(), "resolve");
        if (r.isEmpty() || "pt_regs".equals(Tree.text(a.node(), "source"))) {
            return;
        }
        var span = a.node().valueSpan("resolve");
        if (!RESOLVE.matcher(r).matches()) {
            policy.findings.add(SemanticRule.RESOLVE_PATH, span, "resolve path '" + Quoted.text(r) + "' is malformed (\"invalid format for resolve path: \\\"" + Quoted.text(r) + "\\\"\")",
                    "write field names separated by dots, with [N] for array elements: mm.owner.real_parent.comm, a.b[3].c");
        } else if (r.split("\\.").length > 10) {
            policy.findings.add(SemanticRule.RESOLVE_PATH, span,
                    "resolve path '" + Quoted.text(r) + "' is deeper than 10 levels (\"unable to resolve \\\"" + Quoted.text(r) + "\\\". The maximum depth allowed is 10\")",
                    "resolve at most 10 fields deep");
        }
        policy.findings.lacking(TargetRule.LARGE_PROGRAMS, Feature.LARGE_PROGRAMS, span,
                "resolve needs large BPF programs (\"Resolve flag can't be used for your kernel version\")", "remove resolve for these targets");
    }

    private static void maxData(Policy policy, HookArg a) {
        if (!Tree.bool(a.node(), "maxData", false)) {
            return;
        }
        var span = a.node().valueSpan("maxData");
        if (!a.type().equals("char_buf")) {
            policy.findings.add(LintRule.MAX_DATA_IGNORED, span, "maxData applies only to char_buf arguments and is ignored on type " + a.type(),
                    "remove maxData, or read the buffer as char_buf");
        } else if (Tree.bool(a.node(), "returnCopy", false)) {
            policy.findings.add(LintRule.MAX_DATA_IGNORED, span, "maxData does not work together with returnCopy",
                    "remove one of maxData and returnCopy");
        }
        policy.findings.lacking(TargetRule.MAX_DATA_KERNEL, Feature.LARGE_PROGRAMS, span,
                "maxData is ignored without large BPF programs; only 4096 bytes are read", "expect at most 4096 bytes on these targets");
    }

    static dev.tpc.diag.SourceSpan typeSpan(HookArg a) {
        return Tree.written(a.node(), "type") ? a.node().valueSpan("type") : a.node().span();
    }
}
