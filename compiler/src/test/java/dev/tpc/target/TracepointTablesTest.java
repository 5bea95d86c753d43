package dev.tpc.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.testing.SharedData;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TracepointTablesTest {

    private static final String LSEEK = """
            name: sys_enter_lseek
            ID: 682
            format:
            \tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;
            \tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;
            \tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;
            \tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;

            \tfield:int __syscall_nr;\toffset:8;\tsize:4;\tsigned:1;
            \tfield:unsigned int fd;\toffset:16;\tsize:8;\tsigned:0;
            \tfield:off_t offset;\toffset:24;\tsize:8;\tsigned:0;
            \tfield:unsigned int whence;\toffset:32;\tsize:8;\tsigned:0;

            print fmt: "fd: 0x%08lx, offset: 0x%08lx, whence: 0x%08lx", ((unsigned long)(REC->fd))
            """;

    @Test
    void parsesOneTracefsFormatFile() throws Exception {
        TracepointFormat f = TracepointFormat.parse("syscalls", LSEEK);
        assertEquals("syscalls/sys_enter_lseek", f.key());
        assertEquals(682, f.id());
        assertEquals(8, f.fields().size());
        TracepointFormat.Field fd = f.fields().get(5);
        assertEquals(new TracepointFormat.Field("unsigned int fd", "unsigned int", "fd", -1, 16, 8, false), fd);
        assertTrue(f.fields().get(3).isCommon());
        assertTrue(f.fields().get(3).signed());
        assertEquals("whence", f.field(7).orElseThrow().name());
        assertTrue(f.field(8).isEmpty());
    }

    @Test
    void readsArraysAndDataLoc() throws Exception {
        TracepointFormat.Field args = TracepointFormat.parseField(
                "field:unsigned long args[6];\toffset:16;\tsize:48;\tsigned:0;", 1);
        assertEquals("args", args.name());
        assertEquals("unsigned long", args.cType());
        assertEquals(6, args.arrayLength());
        TracepointFormat.Field loc = TracepointFormat.parseField(
                "field:__data_loc char[] filename;\toffset:8;\tsize:4;\tsigned:1;", 1);
        assertEquals("__data_loc char[]", loc.cType());
        assertFalse(loc.isArray());
    }

    @Test
    void badInputIsAnExceptionWithTheLine() {
        TracepointFormatException e = assertThrows(TracepointFormatException.class,
                () -> TracepointFormat.parse("syscalls", "name: x\nID: 1\nformat:\n\tfield:int a;\toffset:zz;\tsize:4;\tsigned:1;\n"));
        assertEquals(4, e.line());
        assertThrows(TracepointFormatException.class, () -> TracepointFormat.parse("s", "garbage\n"));
        assertThrows(TracepointFormatException.class, () -> TracepointFormat.parse("s", "name: a\nID: 1\n"));
        assertThrows(TracepointFormatException.class, () -> TracepointFormat.parse("s",
                "name: a\nID: 1\nformat:\n\tfield:int x;\toffset:1;\tsize:4;\tsigned:7;\n"));
        assertThrows(TracepointFormatException.class, () -> TracepointTable.parseCompact("syscalls/x\t1\n"));
    }

    @Test
    void compactFormRoundTrips() throws Exception {
        TracepointTable t = new TracepointTable("6.1.0-test", List.of(TracepointFormat.parse("syscalls", LSEEK)));
        TracepointTable back = TracepointTable.parseCompact(t.toCompact(List.of("test")));
        assertEquals("6.1.0-test", back.kernelRelease());
        assertEquals(t.formats(), back.formats());
    }

    /** Every shipped table equals what the converter makes of Tetragon's guests' tracefs, and holds every event of it. */
    @Test
    void shippedTablesMatchTheRawFormats() throws Exception {
        Path shared = SharedData.require();
        Path dir = shared.resolve("reference/tracepoint-formats");
        int events = 0;
        for (String[] k : TracepointTableTool.KERNELS) {
            Path formats = dir.resolve(k[0]).resolve("formats.txt");
            String expected = TracepointTableTool.convert(formats);
            String shipped;
            try (InputStream in = getClass().getResourceAsStream(TracepointCatalog.RESOURCE_DIR + k[1])) {
                shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertEquals(expected, shipped, k[1] + " is stale: regenerate it with TracepointTableTool");

            TracepointTable raw = TracepointTable.parseSections(Files.readString(formats));
            TracepointTable compact = TracepointTable.parseCompact(shipped);
            assertEquals(raw.formats(), compact.formats());
            long sections = Files.readAllLines(formats).stream().filter(l -> l.startsWith("=== ")).count();
            assertEquals(sections, compact.size());
            events += compact.size();
        }
        System.out.println("tracepoint tables: " + TracepointTableTool.KERNELS.size() + " kernels, " + events + " events identical to tracefs");
    }

    @Test
    void catalogGivesFormatsPerProfile() throws Exception {
        TracepointCatalog c = TracepointCatalog.builtin();
        assertEquals(List.of("5.10", "6.1", "6.12", "7.2"), List.copyOf(c.profiles()));
        TracepointFormat enter = c.format("6.1", "raw_syscalls", "sys_enter").orElseThrow();
        assertEquals("id", enter.fields().get(4).name());
        assertEquals(8, enter.fields().get(4).offset());
        assertEquals("args", enter.fields().get(5).name());
        for (String p : c.profiles()) {
            TracepointFormat lseek = c.format(p, "syscalls", "sys_enter_lseek").orElseThrow();
            assertEquals(32, lseek.fields().get(7).offset(), p);
        }
        assertTrue(c.format("6.1", "syscalls", "sys_enter_nosuchcall").isEmpty());
        assertTrue(c.format("no-such-profile", "raw_syscalls", "sys_enter").isEmpty());
        assertTrue(c.table("7.2").orElseThrow().kernelRelease().startsWith("7.2"));
    }

    @Test
    void catalogOverGivenTables() throws Exception {
        TracepointTable live = new TracepointTable("live", List.of(TracepointFormat.parse("syscalls", LSEEK)));
        TracepointCatalog c = TracepointCatalog.of(Map.of("node", live));
        assertEquals(16, c.format("node", "syscalls", "sys_enter_lseek").orElseThrow().fields().get(5).offset());
        assertTrue(c.format("node", "syscalls", "sys_enter_read").isEmpty());
    }
}
