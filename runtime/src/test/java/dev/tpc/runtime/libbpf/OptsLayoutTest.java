package dev.tpc.runtime.libbpf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tpc.runtime.testing.BpfTestSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hand-built opts offsets of {@link Opts} match the installed libbpf headers (compiled with cc). */
class OptsLayoutTest {

    private static final String PROGRAM = """
            #include <stdio.h>
            #include <stddef.h>
            #include <bpf/libbpf.h>
            #include <bpf/bpf.h>
            #define P(s, f) printf(#s "." #f " %zu\\n", offsetof(struct s, f))
            #define S(s) printf(#s ".sizeof %zu\\n", sizeof(struct s))
            int main(void) {
              S(bpf_object_open_opts); P(bpf_object_open_opts, object_name);
              S(bpf_test_run_opts); P(bpf_test_run_opts, data_in); P(bpf_test_run_opts, data_out);
              P(bpf_test_run_opts, data_size_in); P(bpf_test_run_opts, data_size_out); P(bpf_test_run_opts, ctx_in);
              P(bpf_test_run_opts, ctx_out); P(bpf_test_run_opts, ctx_size_in); P(bpf_test_run_opts, ctx_size_out);
              P(bpf_test_run_opts, retval); P(bpf_test_run_opts, repeat); P(bpf_test_run_opts, duration);
              P(bpf_test_run_opts, flags); P(bpf_test_run_opts, cpu);
              P(bpf_prog_load_opts, expected_attach_type); P(bpf_prog_load_opts, prog_flags);
              P(bpf_prog_load_opts, attach_btf_id); P(bpf_prog_load_opts, log_level); P(bpf_prog_load_opts, log_size);
              P(bpf_prog_load_opts, log_buf);
              S(bpf_map_create_opts); P(bpf_map_create_opts, inner_map_fd); P(bpf_map_create_opts, map_flags);
              P(bpf_map_create_opts, map_extra);
              S(bpf_link_create_opts); P(bpf_link_create_opts, flags); P(bpf_link_create_opts, kprobe_multi.flags);
              P(bpf_link_create_opts, kprobe_multi.cnt); P(bpf_link_create_opts, kprobe_multi.syms);
              P(bpf_link_create_opts, kprobe_multi.addrs); P(bpf_link_create_opts, kprobe_multi.cookies);
              S(bpf_uprobe_opts); P(bpf_uprobe_opts, ref_ctr_offset); P(bpf_uprobe_opts, bpf_cookie);
              P(bpf_uprobe_opts, retprobe); P(bpf_uprobe_opts, func_name);
              S(bpf_kprobe_multi_opts); P(bpf_kprobe_multi_opts, syms); P(bpf_kprobe_multi_opts, addrs);
              P(bpf_kprobe_multi_opts, cookies); P(bpf_kprobe_multi_opts, cnt); P(bpf_kprobe_multi_opts, retprobe);
              return 0;
            }
            """;

    @Test
    void offsetsMatchTheInstalledHeaders(@TempDir Path dir) throws Exception {
        if (!Files.exists(Path.of("/usr/include/bpf/libbpf.h"))) {
            BpfTestSupport.skip("libbpf headers not installed (Debian: libbpf-dev)");
        }
        Path src = dir.resolve("offsets.c");
        Files.writeString(src, PROGRAM);
        Path exe = dir.resolve("offsets");
        Process cc;
        try {
            cc = new ProcessBuilder("cc", "-o", exe.toString(), src.toString()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            BpfTestSupport.skip("no C compiler (cc): " + e.getMessage());
            return;
        }
        String ccOut = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        cc.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, cc.exitValue(), ccOut);
        Process run = new ProcessBuilder(exe.toString()).start();
        Map<String, Integer> c = new HashMap<>();
        for (String line : new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            String[] kv = line.split(" ");
            c.put(kv[0], Integer.parseInt(kv[1]));
        }
        run.waitFor(10, TimeUnit.SECONDS);

        assertEquals(c.get("bpf_object_open_opts.sizeof"), Opts.ObjectOpen.SIZE);
        assertEquals(c.get("bpf_object_open_opts.object_name"), Opts.ObjectOpen.OBJECT_NAME);
        assertEquals(c.get("bpf_test_run_opts.sizeof"), Opts.TestRun.SIZE);
        assertEquals(c.get("bpf_test_run_opts.data_in"), Opts.TestRun.DATA_IN);
        assertEquals(c.get("bpf_test_run_opts.data_out"), Opts.TestRun.DATA_OUT);
        assertEquals(c.get("bpf_test_run_opts.data_size_in"), Opts.TestRun.DATA_SIZE_IN);
        assertEquals(c.get("bpf_test_run_opts.data_size_out"), Opts.TestRun.DATA_SIZE_OUT);
        assertEquals(c.get("bpf_test_run_opts.ctx_in"), Opts.TestRun.CTX_IN);
        assertEquals(c.get("bpf_test_run_opts.ctx_out"), Opts.TestRun.CTX_OUT);
        assertEquals(c.get("bpf_test_run_opts.ctx_size_in"), Opts.TestRun.CTX_SIZE_IN);
        assertEquals(c.get("bpf_test_run_opts.ctx_size_out"), Opts.TestRun.CTX_SIZE_OUT);
        assertEquals(c.get("bpf_test_run_opts.retval"), Opts.TestRun.RETVAL);
        assertEquals(c.get("bpf_test_run_opts.repeat"), Opts.TestRun.REPEAT);
        assertEquals(c.get("bpf_test_run_opts.duration"), Opts.TestRun.DURATION);
        assertEquals(c.get("bpf_test_run_opts.flags"), Opts.TestRun.FLAGS);
        assertEquals(c.get("bpf_test_run_opts.cpu"), Opts.TestRun.CPU);
        assertEquals(c.get("bpf_prog_load_opts.expected_attach_type"), Opts.ProgLoad.EXPECTED_ATTACH_TYPE);
        assertEquals(c.get("bpf_prog_load_opts.prog_flags"), Opts.ProgLoad.PROG_FLAGS);
        assertEquals(c.get("bpf_prog_load_opts.attach_btf_id"), Opts.ProgLoad.ATTACH_BTF_ID);
        assertEquals(c.get("bpf_prog_load_opts.log_level"), Opts.ProgLoad.LOG_LEVEL);
        assertEquals(c.get("bpf_prog_load_opts.log_size"), Opts.ProgLoad.LOG_SIZE);
        assertEquals(c.get("bpf_prog_load_opts.log_buf"), Opts.ProgLoad.LOG_BUF);
        assertEquals(c.get("bpf_map_create_opts.sizeof"), Opts.MapCreate.SIZE);
        assertEquals(c.get("bpf_map_create_opts.inner_map_fd"), Opts.MapCreate.INNER_MAP_FD);
        assertEquals(c.get("bpf_map_create_opts.map_flags"), Opts.MapCreate.MAP_FLAGS);
        assertEquals(c.get("bpf_map_create_opts.map_extra"), Opts.MapCreate.MAP_EXTRA);
        assertEquals(c.get("bpf_link_create_opts.sizeof"), Opts.LinkCreate.SIZE);
        assertEquals(c.get("bpf_link_create_opts.flags"), Opts.LinkCreate.FLAGS);
        assertEquals(c.get("bpf_link_create_opts.kprobe_multi.flags"), Opts.LinkCreate.KPROBE_MULTI_FLAGS);
        assertEquals(c.get("bpf_link_create_opts.kprobe_multi.cnt"), Opts.LinkCreate.KPROBE_MULTI_CNT);
        assertEquals(c.get("bpf_link_create_opts.kprobe_multi.syms"), Opts.LinkCreate.KPROBE_MULTI_SYMS);
        assertEquals(c.get("bpf_link_create_opts.kprobe_multi.addrs"), Opts.LinkCreate.KPROBE_MULTI_ADDRS);
        assertEquals(c.get("bpf_link_create_opts.kprobe_multi.cookies"), Opts.LinkCreate.KPROBE_MULTI_COOKIES);
        assertEquals(c.get("bpf_uprobe_opts.sizeof"), Opts.Uprobe.SIZE);
        assertEquals(c.get("bpf_uprobe_opts.ref_ctr_offset"), Opts.Uprobe.REF_CTR_OFFSET);
        assertEquals(c.get("bpf_uprobe_opts.bpf_cookie"), Opts.Uprobe.BPF_COOKIE);
        assertEquals(c.get("bpf_uprobe_opts.retprobe"), Opts.Uprobe.RETPROBE);
        assertEquals(c.get("bpf_uprobe_opts.func_name"), Opts.Uprobe.FUNC_NAME);
        assertEquals(c.get("bpf_kprobe_multi_opts.sizeof"), Opts.KprobeMulti.SIZE);
        assertEquals(c.get("bpf_kprobe_multi_opts.syms"), Opts.KprobeMulti.SYMS);
        assertEquals(c.get("bpf_kprobe_multi_opts.addrs"), Opts.KprobeMulti.ADDRS);
        assertEquals(c.get("bpf_kprobe_multi_opts.cookies"), Opts.KprobeMulti.COOKIES);
        assertEquals(c.get("bpf_kprobe_multi_opts.cnt"), Opts.KprobeMulti.CNT);
        assertEquals(c.get("bpf_kprobe_multi_opts.retprobe"), Opts.KprobeMulti.RETPROBE);
    }
}
