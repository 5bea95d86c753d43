package dev.tpc.validate.semantic;

import dev.tpc.diag.LintRule;
import dev.tpc.target.TargetProfile;
import dev.tpc.target.TracepointFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * TP5023: a declared tracepoint argument type that cannot describe the format field it reads.
 * Tetragon lets the user's type override the format, so {@code type: string} on {@code int dfd}
 * loads and then reads from the file descriptor's number as if it were an address. Only clear
 * cases are judged: a pointer read of a plain integer field, and an integer read of a
 * {@code const char *} field. Fields that may carry an address ({@code unsigned long}, typedefs
 * tpc does not know) and pointers of other kinds are left alone.
 */
final class TracepointFieldKinds {
    /** Types whose read follows the field's value as a pointer. */
    private static final Set<String> POINTER_READS = Set.of("string", "char_buf", "char_iovec", "filename", "file", "path",
            "dentry", "linux_binprm", "skb", "sock", "sockaddr", "socket", "sockaddr_un", "bpf_attr", "perf_event", "bpf_map",
            "bpf_prog", "user_namespace", "kiocb", "iov_iter", "cred", "load_info", "module", "net_device");
    /** Pointer reads whose matching field is a string pointer. */
    private static final Set<String> TEXT_READS = Set.of("string", "char_buf");
    /** Types that take the field's value as a number. */
    private static final Set<String> NUMBER_READS = Set.of("fd", "bpf_cmd", "capability");
    /** C types (without const) of fields that hold a number and never an address. */
    private static final Set<String> PLAIN_INTEGERS = Set.of("int", "unsigned int", "unsigned", "short", "unsigned short",
            "char", "signed char", "unsigned char", "bool", "_Bool", "u8", "u16", "u32", "s8", "s16", "s32", "__u8", "__u16",
            "__u32", "__s8", "__s16", "__s32", "pid_t", "uid_t", "gid_t", "old_uid_t", "old_gid_t", "umode_t", "mode_t",
            "size_t", "ssize_t", "off_t", "loff_t", "dev_t", "key_t", "key_serial_t", "clockid_t", "timer_t", "mqd_t",
            "qid_t", "rwf_t");
    private static final Pattern STRING_POINTER = Pattern.compile("const\\s+char\\s*\\*");
    private static final int MAX_HINTED_FIELDS = 4;

    private TracepointFieldKinds() {}

    private enum Kind { INTEGER, STRING_POINTER, POINTER, OTHER }

    private record Mismatch(String message, String hint) {}

    /** {@code name} is the tracepoint as messages show it. */
    static void check(Policy policy, Hook hook, String subsystem, String event, String name) {
        for (HookArg a : hook.args()) {
            String type = Tree.text(a.node(), "type");
            if (!Tree.written(a.node(), "type") || Tree.written(a.node(), "resolve")) {
                continue;
            }
            Map<Mismatch, List<String>> targetsOf = new LinkedHashMap<>();
            for (TargetProfile p : policy.targets.profiles()) {
                policy.targets.tracepoints().find(p, subsystem, event)
                        .flatMap(f -> mismatch(f, a, type, name))
                        .ifPresent(m -> targetsOf.computeIfAbsent(m, k -> new ArrayList<>()).add(p.name()));
            }
            targetsOf.forEach((m, on) -> policy.findings.addOn(LintRule.TRACEPOINT_FIELD_KIND, a.node().valueSpan("index"),
                    m.message(), m.hint(), on));
        }
    }

    private static Optional<Mismatch> mismatch(TracepointFormat format, HookArg a, String type, String name) {
        Optional<TracepointFormat.Field> field = format.field((int) Math.min(a.index(), Integer.MAX_VALUE));
        if (field.isEmpty()) {
            return Optional.empty();
        }
        TracepointFormat.Field f = field.get();
        String reads = "args[" + a.position() + "] reads index " + a.index() + " of " + name + " as " + type
                + ", but index " + a.index() + " is \"" + f.declaration() + "\", ";
        Kind kind = kindOf(f);
        if (POINTER_READS.contains(type) && kind == Kind.INTEGER) {
            Kind wanted = TEXT_READS.contains(type) ? Kind.STRING_POINTER : Kind.POINTER;
            List<String> others = fields(format, wanted);
            String hint = others.isEmpty()
                    ? "the tracepoint has no " + (wanted == Kind.STRING_POINTER ? "string" : "pointer")
                            + " field; read this one with an integer type such as int or uint64"
                    : String.join(", ", others);
            return Optional.of(new Mismatch(reads + "an integer: Tetragon takes its value for an address and reads garbage", hint));
        }
        if ((ArgTypes.isInteger(type) || NUMBER_READS.contains(type)) && kind == Kind.STRING_POINTER) {
            List<String> others = fields(format, Kind.INTEGER);
            String hint = "read it as string (char_buf with sizeArgIndex for a buffer)"
                    + (others.isEmpty() ? "" : ", or read an integer field: " + String.join(", ", others));
            return Optional.of(new Mismatch(reads + "a pointer to text: Tetragon reports the address, not the text", hint));
        }
        return Optional.empty();
    }

    /** The tracepoint's own fields of a kind, as {@code "declaration" is index N}. */
    private static List<String> fields(TracepointFormat format, Kind kind) {
        List<String> out = new ArrayList<>();
        List<TracepointFormat.Field> all = format.fields();
        for (int i = 0; i < all.size() && out.size() < MAX_HINTED_FIELDS; i++) {
            TracepointFormat.Field f = all.get(i);
            boolean matches = kind == Kind.POINTER ? kindOf(f) == Kind.POINTER || kindOf(f) == Kind.STRING_POINTER : kindOf(f) == kind;
            if (matches && !f.isCommon() && !f.name().equals("__syscall_nr")) {
                out.add("\"" + f.declaration() + "\" is index " + i);
            }
        }
        return out;
    }

    private static Kind kindOf(TracepointFormat.Field f) {
        if (f.isArray()) {
            return Kind.OTHER;
        }
        String c = f.cType().strip().replaceAll("\\s+", " ");
        if (c.contains("*")) {
            return STRING_POINTER.matcher(c).matches() ? Kind.STRING_POINTER : Kind.POINTER;
        }
        String bare = c.replaceFirst("^(const |volatile )+", "");
        return PLAIN_INTEGERS.contains(bare) || bare.startsWith("enum ") ? Kind.INTEGER : Kind.OTHER;
    }
}
