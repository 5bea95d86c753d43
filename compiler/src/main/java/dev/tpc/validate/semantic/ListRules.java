package dev.tpc.validate.semantic;

import dev.tpc.diag.Quoted;
import dev.tpc.diag.SemanticRule;
import dev.tpc.target.Arch;
import dev.tpc.yaml.MappingNode;
import dev.tpc.yaml.ScalarNode;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** spec.lists: generated lists, syscall list elements, and list: references. */
final class ListRules {
    private static final Pattern SYSCALL = Pattern.compile("(?:(x64|i386|arm64|arm32)/|__(x64|ia32|arm64)_)?sys_[A-Za-z0-9_]+");

    private ListRules() {}

    static void check(Policy policy) {
        for (MappingNode list : Tree.maps(policy.spec, "lists")) {
            String name = Tree.text(list, "name");
            String type = type(list);
            boolean generated = type.equals("generated_syscalls") || type.equals("generated_ftrace");
            if (generated && !Tree.list(list, "values").isEmpty()) {
                policy.findings.add(SemanticRule.GENERATED_LIST_VALUES, list.keySpan("values"),
                        "list '" + Quoted.text(name) + "' is generated, so it cannot have values (\"error generated list '" + Quoted.text(name) + "' has values\")",
                        "remove values: Tetragon fills a " + type + " list itself");
            }
            if (type.equals("generated_ftrace") && Tree.text(list, "pattern").isEmpty()) {
                policy.findings.add(SemanticRule.FTRACE_LIST_PATTERN, list.keySpan("type"),
                        "generated_ftrace list '" + Quoted.text(name) + "' has no pattern (\"error generated ftrace list '" + Quoted.text(name) + "' must specify pattern\")",
                        "add pattern: a regular expression over available_filter_functions, e.g. \"^ksys_*\"");
            }
            if (type.equals("syscalls")) {
                for (ScalarNode v : Tree.scalars(list, "values")) {
                    syscallElement(policy, v);
                }
            }
        }
    }

    private static void syscallElement(Policy policy, ScalarNode v) {
        String s = Tree.string(v);
        Matcher m = SYSCALL.matcher(s);
        if (!m.matches()) {
            policy.findings.add(SemanticRule.SYSCALL_LIST_ELEMENT, v.span(),
                    "'" + Quoted.text(s) + "' is not a syscall name (\"invalid syscall list element '" + Quoted.text(s) + "'\")",
                    "write sys_NAME, __x64_sys_NAME, or ABI/sys_NAME with ABI x64, i386, arm64 or arm32");
            return;
        }
        String abi = m.group(1) != null ? m.group(1) : m.group(2);
        if (abi == null) {
            return;
        }
        boolean x86 = abi.equals("x64") || abi.equals("i386") || abi.equals("ia32");
        Arch arch = policy.arch();
        if (x86 != (arch == Arch.X86_64)) {
            policy.findings.add(SemanticRule.SYSCALL_LIST_ELEMENT, v.span(),
                    "'" + Quoted.text(s) + "' names the " + abi + " ABI, which the " + arch.id() + " architecture does not have (\"invalid ABI (" + abi + ") for arch (" + arch.id() + ")\")",
                    "write sys_NAME to mean the checked architecture's own syscall");
        }
    }

    /** The list a {@code list:NAME} reference names; reports it when missing. */
    static Optional<MappingNode> resolve(Policy policy, ScalarNode reference) {
        String ref = Tree.string(reference);
        String name = ref.substring("list:".length());
        MappingNode list = policy.lists.get(name);
        if (list == null) {
            policy.findings.add(SemanticRule.LIST_NOT_FOUND, reference.span(),
                    "there is no list named '" + Quoted.text(name) + "' (\"error list '" + Quoted.text(ref) + "' not found\")",
                    policy.lists.isEmpty() ? "define it under spec.lists" : "spec.lists defines: " + String.join(", ", policy.lists.keySet()));
        }
        return Optional.ofNullable(list);
    }

    static String type(MappingNode list) {
        return Tree.text(list, "type").toLowerCase(java.util.Locale.ROOT); // Tetragon lower-cases list types
    }

    static boolean isSyscallList(MappingNode list) {
        String t = type(list);
        return t.equals("syscalls") || t.equals("generated_syscalls");
    }
}
