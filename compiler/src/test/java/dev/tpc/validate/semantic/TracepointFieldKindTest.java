package dev.tpc.validate.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tpc.diag.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TP5023: a tracepoint argument whose declared type cannot describe the format field it reads. */
class TracepointFieldKindTest {
    private static String tracepoint(String event, long index, String type) {
        return Checked.HEAD + "  tracepoints:\n  - subsystem: syscalls\n    event: " + event + "\n    args:\n"
                + "    - index: " + index + "\n      type: " + type + "\n";
    }

    private static List<Diagnostic> tp5023(String policy) {
        return Checked.findings(policy).stream().filter(d -> d.code().equals("TP5023")).toList();
    }

    @Test
    void aStringReadOfAnIntegerFieldNamesTheFieldAndTheStringField() {
        // the mistake our own examples made: openat's dfd (5) where filename (6) was meant
        List<Diagnostic> found = tp5023(tracepoint("sys_enter_openat", 5, "string"));
        assertEquals(1, found.size(), found.toString());
        Diagnostic d = found.get(0);
        assertEquals("args[0] reads index 5 of syscalls/sys_enter_openat as string, but index 5 is \"int dfd\", "
                + "an integer: Tetragon takes its value for an address and reads garbage", d.message());
        assertEquals("\"const char * filename\" is index 6", d.hint());
        assertEquals(List.of(), d.targets(), "the same on every target");
        assertEquals(10, d.span().line());
        assertEquals(14, d.span().column());
    }

    @Test
    void otherPointerReadsOfAnIntegerFieldAreFoundToo() {
        assertEquals(1, tp5023(tracepoint("sys_enter_openat", 7, "char_buf")).size());
        assertEquals(1, tp5023(tracepoint("sys_enter_openat", 5, "filename")).size());
        assertEquals(1, tp5023(tracepoint("sys_enter_read", 5, "file")).size());
    }

    @Test
    void anIntegerReadOfAStringPointerOffersTheStringTypeAndTheIntegerFields() {
        List<Diagnostic> found = tp5023(tracepoint("sys_enter_openat", 6, "int"));
        assertEquals(1, found.size(), found.toString());
        assertEquals("args[0] reads index 6 of syscalls/sys_enter_openat as int, but index 6 is \"const char * filename\", "
                + "a pointer to text: Tetragon reports the address, not the text", found.get(0).message());
        assertEquals("read it as string (char_buf with sizeArgIndex for a buffer), or read an integer field: \"int dfd\" is index 5, \"int flags\" is index 7, "
                + "\"umode_t mode\" is index 8", found.get(0).hint());
    }

    @Test
    void typesThatFitTheirFieldsAreQuiet() {
        assertEquals(List.of(), tp5023(tracepoint("sys_enter_openat", 6, "string")));
        assertEquals(List.of(), tp5023(tracepoint("sys_enter_openat", 5, "int")));
        assertEquals(List.of(), tp5023(tracepoint("sys_enter_read", 5, "fd")));
        assertEquals(List.of(), tp5023(tracepoint("sys_enter_write", 7, "size_t")));
        // auto takes the field's own type
        assertEquals(List.of(), tp5023(tracepoint("sys_enter_openat", 5, "auto")));
    }

    @Test
    void fieldsThatMayHoldAnAddressOrAreNotPlainAreLeftAlone() {
        // unsigned long carries addresses (mmap's addr, prctl's arguments)
        assertEquals(List.of(), tp5023(tracepoint("sys_enter_mmap", 5, "string")));
        // a non-const char * is often an output buffer whose address is what one wants
        assertEquals(List.of(), tp5023(tracepoint("sys_enter_read", 6, "uint64")));
        // a pointer read of another pointer kind is not judged
        assertEquals(List.of(), tp5023(tracepoint("sys_enter_execve", 6, "string")));
        // common fields and __syscall_nr are integers like any other
        assertEquals(1, tp5023(tracepoint("sys_enter_openat", 4, "string")).size());
    }

    @Test
    void withoutAFieldOfTheRightKindTheHintSaysWhatTheFieldIs() {
        List<Diagnostic> found = tp5023(tracepoint("sys_enter_close", 5, "string"));
        assertEquals(1, found.size(), found.toString());
        assertEquals("the tracepoint has no string field; read this one with an integer type such as int or uint64",
                found.get(0).hint());
    }

    @Test
    void anEventOnlySomeTargetsHaveIsJudgedOnThoseTargets() {
        // cachestat (6.5) is in the 6.12 and 7.2 tables only; index 5 is "unsigned int fd"
        List<Diagnostic> found = tp5023(tracepoint("sys_enter_cachestat", 5, "string"));
        assertEquals(1, found.size(), found.toString());
        assertEquals(List.of("6.12", "7.2"), found.get(0).targets());
    }

    @Test
    void resolveReadsThroughTheFieldSoItsTypeIsNotTheFields() {
        String policy = tracepoint("sys_enter_openat", 5, "string") + "      resolve: \"f_path\"\n";
        assertEquals(List.of(), tp5023(policy));
    }

    @Test
    void rawTracepointsHaveNoFormatToCompareWith() {
        String policy = Checked.HEAD + "  tracepoints:\n  - subsystem: raw_syscalls\n    event: sys_enter\n    raw: true\n"
                + "    args:\n    - index: 1\n      type: string\n";
        assertEquals(List.of(), tp5023(policy));
    }
}
