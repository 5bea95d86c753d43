package dev.tpc.runtime.templates;

import dev.tpc.testing.Skip;

import dev.tpc.abi.TemplateAbi;
import dev.tpc.abi.TemplateAbi.TgEventConfig;
import dev.tpc.abi.TemplateAbi.TpcHookConfig;
import dev.tpc.runtime.libbpf.BpfException;
import dev.tpc.runtime.libbpf.BpfMap;
import dev.tpc.runtime.libbpf.BpfObject;
import dev.tpc.runtime.libbpf.BpfProgram;
import dev.tpc.runtime.libbpf.KernelMap;
import dev.tpc.runtime.libbpf.Native;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * tpc's raw tracepoint template loaded with every filter section, operator, action and type
 * enabled, driven through BPF_PROG_TEST_RUN: the test writes event_config, the filter blob and the
 * value maps, feeds raw tracepoint arguments and reads the verdict word the program returns.
 */
final class RawTpTemplate implements AutoCloseable {

    static final TemplateAbi.Variant VARIANT = TemplateAbi.Variant.V511;

    private final Native n;
    private final BpfObject obj;
    private final BpfProgram prog;
    private final List<KernelMap> inner = new ArrayList<>();
    private final List<Pointer> keepAlive = new ArrayList<>();

    private RawTpTemplate(Native n, BpfObject obj) throws BpfException {
        this.n = n;
        this.obj = obj;
        this.prog = obj.program("tpc_raw_tp").orElseThrow();
    }

    static RawTpTemplate loadWithEverything(Native n) throws BpfException {
        return loadWithEverything(n, 0);
    }

    /** With {@code tpc_cfg.self_tgid = selfTgid}: enforcement on that process is only reported. */
    static RawTpTemplate loadWithEverything(Native n, int selfTgid) throws BpfException {
        String resource = VARIANT.objectResource("tpc_raw_tp");
        byte[] elf;
        try (InputStream in = RawTpTemplate.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                Skip.because(Skip.Kind.BPF, resource + " not on the class path (bpf-templates built with -Dtpc.bpf.skip?)");
                return null;
            }
            elf = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        BpfObject obj = BpfObject.open(n, "tpc_raw_tp", elf);
        try {
            BpfMap rodata = obj.maps().stream().filter(m -> m.name().endsWith(".rodata")).findFirst().orElseThrow();
            rodata.setInitialValue(config(selfTgid));
            obj.load();
            return new RawTpTemplate(n, obj);
        } catch (BpfException | RuntimeException e) {
            obj.close();
            throw e;
        }
    }

    /** tpc_cfg: all sections, operators, actions and argument types (the verifier's worst case). */
    private static byte[] config(int selfTgid) {
        ByteBuffer b = ByteBuffer.allocate(TpcHookConfig.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(TpcHookConfig.HOOK_KIND_OFFSET, TemplateAbi.HookKind.RAW_TP);
        b.putInt(TpcHookConfig.HOOK_ID_OFFSET, 7);
        b.putInt(TpcHookConfig.SECTIONS_OFFSET, 0x1ff);
        b.putInt(TpcHookConfig.ACTIONS_OFFSET, 0x7fff);
        b.putLong(TpcHookConfig.ARG_OPS_OFFSET, -1L);
        b.putInt(TpcHookConfig.BIN_OPS_OFFSET, -1);
        b.putInt(TpcHookConfig.MAX_SELECTORS_OFFSET, TemplateAbi.Limit.MAX_SELECTORS);
        b.putInt(TpcHookConfig.NARGS_OFFSET, TemplateAbi.Limit.MAX_ARGS);
        b.putLong(TpcHookConfig.ARG_TYPES_OFFSET, -1L);
        b.putInt(TpcHookConfig.SELF_TGID_OFFSET, selfTgid);
        return b.array();
    }


    /** event_config with argument i of type types[i] read from raw argument i. */
    void eventConfig(int... types) throws BpfException {
        eventConfigWithMeta(types, new int[types.length]);
    }

    /** The same with argument meta bits ({@code arm}, e.g. a char_buf's 1-based size argument). */
    void eventConfigWithMeta(int[] types, int[] metas) throws BpfException {
        ByteBuffer b = ByteBuffer.allocate(TgEventConfig.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 5; i++) {
            b.putInt(TgEventConfig.ARG_OFFSET + 4 * i, i < types.length ? types[i] : 0);
            b.putInt(TgEventConfig.ARM_OFFSET + 4 * i, i < metas.length ? metas[i] : 0);
            b.putInt(TgEventConfig.IDX_OFFSET + 4 * i, i < types.length ? i : -1);
        }
        map("config_map").update(u32(0), b.array());
    }

    void blob(byte[] blob) throws BpfException {
        map("filter_map").update(u32(0), blob);
    }

    void policyMode(int mode) throws BpfException {
        map("policy_conf").update(u32(0), new byte[] {(byte) mode});
    }

    void binariesOptions(int key, int op, int mapId, int mbsetId) throws BpfException {
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(op).putInt(mapId).putInt(mbsetId);
        map("tg_mb_sel_opts").update(u32(key), b.array());
    }

    /** A new inner map at outer[id] holding the keys (value 1). */
    void innerMap(String outer, int id, int type, int keySize, int flags, List<byte[]> keys) throws BpfException {
        KernelMap m = KernelMap.create(n, type, outer + "_t", keySize, 1, Math.max(1, keys.size()), flags);
        inner.add(m);
        for (byte[] k : keys) {
            m.update(k, new byte[] {1});
        }
        map(outer).update(u32(id), u32(m.fd()));
    }

    /** A NUL-terminated string in native memory (read by the program with bpf_probe_read_user_str). */
    long cString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        Pointer p = Memory.allocateDirect(n.runtime(), b.length + 1, true);
        p.put(0, b, 0, b.length);
        keepAlive.add(p);
        return p.address();
    }

    /** Run the program with raw tracepoint arguments; returns its verdict word. */
    int run(long... args) throws BpfException {
        ByteBuffer ctx = ByteBuffer.allocate(8 * Math.max(1, args.length)).order(ByteOrder.LITTLE_ENDIAN);
        for (long a : args) {
            ctx.putLong(a);
        }
        return prog.testRun(ctx.array(), null, 0).retval();
    }

    private BpfMap map(String name) {
        return obj.map(name).orElseThrow(() -> new IllegalStateException("no map " + name));
    }

    static byte[] u32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    static byte[] u64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    @Override
    public void close() {
        inner.forEach(KernelMap::close);
        obj.close();
    }
}
