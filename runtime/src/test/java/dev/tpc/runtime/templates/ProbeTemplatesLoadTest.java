package dev.tpc.runtime.templates;

import dev.tpc.testing.Skip;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.abi.TemplateAbi;
import dev.tpc.abi.TemplateAbi.TpcHookConfig;
import dev.tpc.runtime.libbpf.BpfException;
import dev.tpc.runtime.libbpf.BpfMap;
import dev.tpc.runtime.libbpf.BpfObject;
import dev.tpc.runtime.libbpf.BpfProgram;
import dev.tpc.runtime.libbpf.Native;
import dev.tpc.runtime.testing.BpfTestSupport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The function-probe templates pass the running kernel's verifier, each program specialised with
 * every section, operator, action and type it can use (the worst case). Attaching kprobes needs a
 * kernel with kprobes (the VM matrix); loading needs only the kprobe program type, which uprobes
 * share, so it is proven here. Override ({@code bpf_override_return}) needs
 * {@code CONFIG_BPF_KPROBE_OVERRIDE}: on a kernel without it that case is skipped with the
 * verifier's reason.
 */
class ProbeTemplatesLoadTest {
    private static final int ALL_ACTIONS_BUT_OVERRIDE = 0x7fff & ~(1 << TemplateAbi.TgAction.OVERRIDE);

    @ParameterizedTest(name = "{0}.{1} {2}")
    @CsvSource({
        "tpc_uprobe, v511, tpc_uprobe, UPROBE, false",
        "tpc_uprobe, v510, tpc_uprobe, UPROBE, false",
        "tpc_uprobe, v511, tpc_uretprobe, URETPROBE, false",
        "tpc_uprobe, v510, tpc_uretprobe, URETPROBE, false",
        "tpc_kprobe, v511, tpc_kprobe, KPROBE, false",
        "tpc_kprobe, v510, tpc_kprobe, KPROBE, false",
        "tpc_kprobe, v511, tpc_kretprobe, KRETPROBE, false",
        "tpc_kprobe, v510, tpc_kretprobe, KRETPROBE, false",
        "tpc_kprobe, v511, tpc_kprobe, KPROBE, true",
        "tpc_kprobe, v510, tpc_kprobe, KPROBE, true",
    })
    void loadsWithEverythingEnabled(String object, String variant, String program, String kind, boolean override)
            throws Exception {
        Native n = BpfTestSupport.requireBpf();
        TemplateAbi.Variant v = variant.equals("v510") ? TemplateAbi.Variant.V510 : TemplateAbi.Variant.V511;
        byte[] elf = resource(v.objectResource(object));
        int hookKind = switch (kind) {
            case "UPROBE" -> TemplateAbi.HookKind.UPROBE;
            case "URETPROBE" -> TemplateAbi.HookKind.URETPROBE;
            case "KPROBE" -> TemplateAbi.HookKind.KPROBE;
            default -> TemplateAbi.HookKind.KRETPROBE;
        };
        boolean entry = hookKind == TemplateAbi.HookKind.UPROBE || hookKind == TemplateAbi.HookKind.KPROBE;
        try (BpfObject obj = BpfObject.open(n, object, elf)) {
            for (BpfProgram p : obj.programs()) {
                p.setAutoload(p.name().equals(program));
            }
            BpfMap rodata = obj.maps().stream().filter(m -> m.name().endsWith(".rodata")).findFirst().orElseThrow();
            rodata.setInitialValue(config(hookKind, override ? 0x7fff : ALL_ACTIONS_BUT_OVERRIDE, entry));
            try {
                obj.load();
            } catch (BpfException e) {
                if (override && e.verifierLog().contains("bpf_override_return")) {
                    String why = "this kernel refuses bpf_override_return in kprobe programs (no CONFIG_BPF_KPROBE_OVERRIDE): "
                            + e.verifierLog().lines().filter(l -> l.contains("override")).findFirst().orElse("");
                    Skip.because(Skip.Kind.ENVIRONMENT, why);
                }
                throw new AssertionError(object + "." + variant + " " + program + " does not load: " + e.getMessage()
                        + "\n" + tail(e.verifierLog()), e);
            }
            BpfProgram loaded = obj.program(program).orElseThrow();
            assertTrue(loaded.fd() >= 0, program + " loaded");
            assertTrue(obj.programs().stream().filter(p -> !p.name().equals(program)).allMatch(p -> p.fd() < 0),
                    "only " + program + " was loaded");
        }
    }

    /** tpc_cfg with every section, operator and type; for an entry program also a return probe. */
    private static byte[] config(int kind, int actions, boolean entry) {
        ByteBuffer b = ByteBuffer.allocate(TpcHookConfig.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(TpcHookConfig.HOOK_KIND_OFFSET, kind);
        b.putInt(TpcHookConfig.HOOK_ID_OFFSET, 3);
        b.putInt(TpcHookConfig.SECTIONS_OFFSET, entry ? 0x1ff : TemplateAbi.Section.ARGS | TemplateAbi.Section.ACTIONS);
        b.putInt(TpcHookConfig.ACTIONS_OFFSET, actions);
        b.putLong(TpcHookConfig.ARG_OPS_OFFSET, -1L);
        b.putInt(TpcHookConfig.BIN_OPS_OFFSET, entry ? -1 : 0);
        b.putInt(TpcHookConfig.MAX_SELECTORS_OFFSET, TemplateAbi.Limit.MAX_SELECTORS);
        b.putInt(TpcHookConfig.NARGS_OFFSET, entry ? TemplateAbi.Limit.MAX_ARGS : 1);
        b.putInt(TpcHookConfig.FLAGS_OFFSET, entry ? TemplateAbi.ConfigFlag.RETURN_PROBE : 0);
        b.putLong(TpcHookConfig.ARG_TYPES_OFFSET, -1L);
        b.putInt(TpcHookConfig.PAIR_ID_OFFSET, 3);
        return b.array();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ProbeTemplatesLoadTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                Skip.because(Skip.Kind.BPF, name + " not on the class path (bpf-templates built with -Dtpc.bpf.skip?)");
            }
            return in.readAllBytes();
        }
    }

    private static String tail(String log) {
        return log.length() > 3000 ? log.substring(log.length() - 3000) : log;
    }
}
