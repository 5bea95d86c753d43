package dev.tpc.runtime.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tpc.abi.TemplateAbi;
import dev.tpc.runtime.plan.HookInfo;
import dev.tpc.runtime.plan.HookInfo.ArgInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records in, Tetragon-shaped JSON and compact lines out. */
class EventPipelineTest {
    /** 2026-11-28T16:00:00Z in ns, minus a boot time of 1000 s. */
    private static final long BOOT_OFFSET = 1_795_881_600_000_000_000L - 1_000_000_000_000L;
    private static final long SEC = 1_000_000_000L;

    private final List<Event> events = new ArrayList<>();
    private final JsonEventWriter json = new JsonEventWriter(null, "node-1", BOOT_OFFSET);

    private EventPipeline pipeline(Path emptyProc, HookInfo hook) {
        return new EventPipeline(BOOT_OFFSET, new ProcessCache(new ProcFs(emptyProc)),
                id -> id == 1 ? Optional.ofNullable(hook) : Optional.empty(), events::add);
    }

    @Test
    void execThenExitOfAChild(@TempDir Path proc) {
        EventPipeline p = pipeline(proc, null);
        p.accept(Records.exec(1000 * SEC, 100, 900 * SEC, 1, 10 * SEC, 0, "/bin/bash", "/", List.of("bash")));
        p.accept(Records.exec(1001 * SEC + 500_000_000, 200, 1001 * SEC, 100, 900 * SEC, 1000, "/usr/bin/curl", "/home/u",
                List.of("curl", "-s", "https://ebpf.io/a b")));
        p.accept(Records.exit(1002 * SEC + 123_456_789, 200, 1001 * SEC, 100, 900 * SEC, 9));

        assertEquals(3, events.size());
        assertEquals("{\"process_exec\":{\"process\":{\"exec_id\":\"bm9kZS0xOjEwMDEwMDAwMDAwMDA6MjAw\",\"pid\":200,\"uid\":1000,"
                + "\"cwd\":\"/home/u\",\"binary\":\"/usr/bin/curl\",\"arguments\":\"-s \\\"https://ebpf.io/a b\\\"\","
                + "\"flags\":\"execve\",\"start_time\":\"2026-11-28T16:00:01Z\",\"auid\":4294967295,"
                + "\"parent_exec_id\":\"bm9kZS0xOjkwMDAwMDAwMDAwMDoxMDA=\",\"tid\":200},"
                + "\"parent\":{\"exec_id\":\"bm9kZS0xOjkwMDAwMDAwMDAwMDoxMDA=\",\"pid\":100,\"uid\":0,\"cwd\":\"/\","
                + "\"binary\":\"/bin/bash\",\"flags\":\"execve rootcwd\",\"start_time\":\"2026-11-28T15:58:20Z\","
                + "\"auid\":4294967295,\"parent_exec_id\":\"bm9kZS0xOjEwMDAwMDAwMDAwOjE=\",\"tid\":100}},"
                + "\"node_name\":\"node-1\",\"time\":\"2026-11-28T16:00:01.500Z\"}", json.toJson(events.get(1)));
        assertEquals("node-1:1001000000000:200", new String(java.util.Base64.getDecoder()
                .decode("bm9kZS0xOjEwMDEwMDAwMDAwMDA6MjAw"), StandardCharsets.UTF_8));

        String exit = json.toJson(events.get(2));
        assertEquals(true, exit.startsWith("{\"process_exit\":{\"process\":{\"exec_id\":\"bm9kZS0xOjEwMDEwMDAwMDAwMDA6MjAw\""), exit);
        assertEquals(true, exit.endsWith("\"signal\":\"SIGKILL\",\"time\":\"2026-11-28T16:00:02.123456789Z\"},"
                + "\"node_name\":\"node-1\",\"time\":\"2026-11-28T16:00:02.123456789Z\"}"), exit);

        assertEquals("🚀 process /usr/bin/curl -s \"https://ebpf.io/a b\"", CompactEventWriter.line(events.get(1)));
        assertEquals("💥 exit /usr/bin/curl -s \"https://ebpf.io/a b\" SIGKILL", CompactEventWriter.line(events.get(2)));
    }

    @Test
    void exitCodeIsReportedAsStatus(@TempDir Path proc) {
        EventPipeline p = pipeline(proc, null);
        p.accept(Records.exec(5 * SEC, 300, 5 * SEC, 1, SEC, 0, "/bin/false", "/tmp", List.of("false")));
        p.accept(Records.exit(6 * SEC, 300, 5 * SEC, 1, SEC, 1 << 8));
        Event.Exit e = (Event.Exit) events.get(1);
        assertEquals(1, e.status());
        assertEquals(0, e.signal());
        assertEquals(true, json.toJson(e).contains("\"status\":1,"), json.toJson(e));
        assertEquals("💥 exit /bin/false 1", CompactEventWriter.line(e));
    }

    @Test
    void tracepointArgumentsByType(@TempDir Path proc) {
        HookInfo hook = new HookInfo("read-shadow", HookInfo.Kind.TRACEPOINT, "syscalls", "sys_enter_openat", "",
                List.of(new ArgInfo("int", "dfd"), new ArgInfo("string", "filename"), new ArgInfo("char_buf", ""),
                        new ArgInfo("uint64", ""), new ArgInfo("file", "f")),
                "", List.of("observability.filesystem"));
        EventPipeline p = pipeline(proc, hook);
        p.accept(Records.exec(5 * SEC, 400, 5 * SEC, 1, SEC, 0, "/bin/cat", "/", List.of("cat", "/etc/shadow")));
        Records.Args a = new Records.Args();
        int[] offs = {a.integer(-100), a.string("/etc/shadow", false), a.buffer(new byte[] {1, 2, 3}, 10),
            a.integer(-1), a.string("/etc/passwd", true)};
        p.accept(Records.hook(7 * SEC, 400, 401, 5 * SEC, 1, TemplateAbi.TgAction.SIGKILL, offs, a.bytes()));

        assertEquals(2, events.size());
        String j = json.toJson(events.get(1));
        assertEquals(true, j.startsWith("{\"process_tracepoint\":{\"process\":{\"exec_id\":"), j);
        assertEquals(true, j.contains("\"tid\":401}"), j);
        assertEquals(true, j.contains("\"subsys\":\"syscalls\",\"event\":\"sys_enter_openat\",\"args\":["
                + "{\"int_arg\":-100,\"label\":\"dfd\"},{\"string_arg\":\"/etc/shadow\",\"label\":\"filename\"},"
                + "{\"truncated_bytes_arg\":{\"bytes_arg\":\"AQID\",\"orig_size\":10}},{\"size_arg\":18446744073709551615},"
                + "{\"file_arg\":{\"path\":\"/etc/passwd\"},\"label\":\"f\"}],"
                + "\"policy_name\":\"read-shadow\",\"action\":\"KPROBE_ACTION_SIGKILL\","
                + "\"tags\":[\"observability.filesystem\"]},\"node_name\":\"node-1\""), j);
        assertEquals("❓ syscall /bin/cat syscalls/sys_enter_openat", CompactEventWriter.line(events.get(1)));
    }

    private EventPipeline pipeline(Path emptyProc, HookInfo entry, HookInfo ret) {
        return new EventPipeline(BOOT_OFFSET, new ProcessCache(new ProcFs(emptyProc)),
                id -> id == 1 ? Optional.of(entry) : id == 2 ? Optional.of(ret) : Optional.empty(), events::add);
    }

    @Test
    void aReturnProbeCompletesItsEntryEvent(@TempDir Path proc) {
        HookInfo entry = new HookInfo("perm", HookInfo.Kind.KPROBE, "", "", "security_file_permission",
                List.of(new ArgInfo("int", "mask")), "", List.of());
        HookInfo ret = new HookInfo("perm", HookInfo.Kind.KPROBE, "", "", "security_file_permission",
                List.of(new ArgInfo("int", "")), "", List.of());
        EventPipeline p = pipeline(proc, entry, ret);
        p.accept(Records.exec(5 * SEC, 500, 5 * SEC, 1, SEC, 0, "/bin/cat", "/", List.of("cat")));
        Records.Args a = new Records.Args();
        int[] in = {a.integer(4)};
        byte[] args = a.bytes();
        int pending = TemplateAbi.EventFlag.RETURN_PENDING;
        int returned = TemplateAbi.EventFlag.RETURN;
        // two nested calls on thread 501, one on 502; pair id 1 (the entry hook's id)
        p.accept(Records.pairedHook(6 * SEC, 500, 501, 5 * SEC, 1, 1, pending, 0, in, args));
        p.accept(Records.pairedHook(7 * SEC, 500, 502, 5 * SEC, 1, 1, pending, 0, in, args));
        assertEquals(1, events.size(), "entries wait for their return");
        Records.Args r = new Records.Args();
        int[] out = {r.integer(-13)};
        p.accept(Records.pairedHook(8 * SEC, 500, 501, 5 * SEC, 2, 1, returned, TemplateAbi.TgAction.SIGKILL, out, r.bytes()));
        assertEquals(2, events.size());
        Event.Hook merged = (Event.Hook) events.get(1);
        assertEquals(501, merged.tid());
        String j = json.toJson(merged);
        assertEquals(true, j.contains("\"function_name\":\"security_file_permission\",\"args\":[{\"int_arg\":4,"
                + "\"label\":\"mask\"}],\"return\":{\"int_arg\":-13},\"action\":\"KPROBE_ACTION_POST\","
                + "\"policy_name\":\"perm\",\"return_action\":\"KPROBE_ACTION_SIGKILL\"}"), j);
        // the entry's time, not the return's
        assertEquals(true, j.endsWith("\"time\":\"2026-11-28T15:43:26Z\"}"), j);
        // a return without a waiting entry is counted, not printed
        p.accept(Records.pairedHook(9 * SEC, 500, 503, 5 * SEC, 2, 1, returned, 0, out, r.bytes()));
        assertEquals(2, events.size());
        assertEquals(1, p.stats().unpairedReturns());
    }

    @Test
    void uprobeEventsInTetragonsShape(@TempDir Path proc) {
        HookInfo entry = new HookInfo("ups", HookInfo.Kind.UPROBE, "", "", "tpc_probe_target",
                List.of(new ArgInfo("int", "value"), new ArgInfo("string", "")), "probed", List.of(),
                new HookInfo.UserLocation("/tmp/tester", 0, 0));
        HookInfo ret = new HookInfo("ups", HookInfo.Kind.UPROBE, "", "", "tpc_probe_target",
                List.of(new ArgInfo("int", "")), "probed", List.of(), new HookInfo.UserLocation("/tmp/tester", 0, 0));
        EventPipeline p = pipeline(proc, entry, ret);
        p.accept(Records.exec(5 * SEC, 600, 5 * SEC, 1, SEC, 0, "/tmp/tester", "/", List.of("tester")));
        Records.Args a = new Records.Args();
        int[] in = {a.integer(100), a.string("hello", false)};
        p.accept(Records.pairedHook(6 * SEC, 600, 600, 5 * SEC, 1, 1, TemplateAbi.EventFlag.RETURN_PENDING, 0, in, a.bytes()));
        Records.Args r = new Records.Args();
        int[] out = {r.integer(105)};
        p.accept(Records.pairedHook(7 * SEC, 600, 600, 5 * SEC, 2, 1, TemplateAbi.EventFlag.RETURN, 0, out, r.bytes()));
        String j = json.toJson(events.get(1));
        assertEquals(true, j.contains("\"path\":\"/tmp/tester\",\"symbol\":\"tpc_probe_target\",\"policy_name\":\"ups\","
                + "\"message\":\"probed\",\"args\":[{\"int_arg\":100,\"label\":\"value\"},{\"string_arg\":\"hello\"},"
                + "{\"int_arg\":105}],\"action\":\"KPROBE_ACTION_POST\"}"), j);
        assertEquals(true, j.startsWith("{\"process_uprobe\":{\"process\":"), j);
        assertEquals("🕵️ uprobe /tmp/tester /tmp/tester tpc_probe_target", CompactEventWriter.line(events.get(1)));
    }

    @Test
    void unknownHooksAndShortRecordsAreCountedNotPrinted(@TempDir Path proc) {
        EventPipeline p = pipeline(proc, null);
        p.accept(new byte[10]);
        p.accept(Records.hook(SEC, 1, 1, SEC, 7, 0, new int[0], new byte[0]));
        byte[] cut = Records.exit(SEC, 1, SEC, 0, 0, 0);
        p.accept(java.util.Arrays.copyOf(cut, 40));
        assertEquals(0, events.size());
        assertEquals(3, p.stats().records());
        assertEquals(2, p.stats().malformed());
        assertEquals(1, p.stats().unknownHooks());
    }

    @Test
    void timesUseProtobufJsonPrecision() {
        assertEquals("2026-11-28T16:00:00Z", Times.rfc3339(1_795_881_600_000_000_000L));
        assertEquals("2026-11-28T16:00:00.100Z", Times.rfc3339(1_795_881_600_100_000_000L));
        assertEquals("2026-11-28T16:00:00.000100Z", Times.rfc3339(1_795_881_600_000_100_000L));
        assertEquals("2026-11-28T16:00:00.000000001Z", Times.rfc3339(1_795_881_600_000_000_001L));
    }
}
