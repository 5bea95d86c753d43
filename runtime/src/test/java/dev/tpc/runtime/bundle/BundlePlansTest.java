package dev.tpc.runtime.bundle;

import dev.tpc.testing.Skip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.abi.TemplateAbi;
import dev.tpc.api.CompileReport;
import dev.tpc.api.CompileRequest;
import dev.tpc.api.Tpc;
import dev.tpc.bundle.Bundle;
import dev.tpc.bundle.BundleFormatException;
import dev.tpc.diag.BundleRule;
import dev.tpc.runtime.TpcRuntime;
import dev.tpc.runtime.plan.Attach;
import dev.tpc.runtime.plan.LoadPlan;
import dev.tpc.runtime.plan.MapContent;
import dev.tpc.runtime.plan.ProgramPlan;
import dev.tpc.runtime.session.Templates;
import dev.tpc.runtime.testing.BpfTestSupport;
import dev.tpc.target.Arch;
import dev.tpc.target.KernelVersion;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** From a compiled bundle to a load plan: target choice, refusals, the plan's contents, and a real load. */
class BundlePlansTest {

    static Path examples() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("examples/policies"))) {
                return p.resolve("examples/policies");
            }
        }
        throw new IllegalStateException("examples/policies not found above " + Path.of("").toAbsolutePath());
    }

    static Path compile(Path dir, String policy, Arch arch, String... targets) throws Exception {
        CompileReport r = Tpc.compile(new CompileRequest(List.of(examples().resolve(policy)), List.of(targets), arch,
                dir, List.of(), false, Optional.empty(), dir));
        assertTrue(!r.failed() && r.bundles().size() == 1, () -> "compile of " + policy + " failed: "
                + r.check().diagnostics().toList());
        return r.bundles().get(0).file();
    }

    @Test
    void lseekBundleBecomesATracepointPlan(@TempDir Path dir) throws Exception {
        Bundle b = BundlePlans.read(compile(dir, "lseek-integer-filters.yaml", Arch.X86_64, "6.12", "7.2"), Arch.X86_64);
        assertEquals("7.2", BundlePlans.chooseTarget(b, Optional.empty(), new KernelVersion(7, 2, 5)));
        assertEquals("6.12", BundlePlans.chooseTarget(b, Optional.of("6.12"), new KernelVersion(7, 2, 5)));
        LoadPlan plan = BundlePlans.plan(b, "6.12");
        assertEquals("lseek-integer-filters", plan.policyName());
        assertEquals(2, plan.programs().size(), "exec tracker and one hook");
        assertEquals("exec-tracker", plan.programs().get(0).id());
        ProgramPlan hook = plan.programs().get(1);
        assertEquals("syscalls/sys_enter_lseek", hook.id());
        assertEquals("tpc_tracepoint", hook.template().name());
        assertEquals("v511", hook.template().variant());
        assertEquals(new Attach.Tracepoint("syscalls", "sys_enter_lseek"), hook.attach().get(0).attach());
        byte[] cfg = hook.rodata().get("tpc_cfg").value();
        ByteBuffer c = ByteBuffer.wrap(cfg).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(TemplateAbi.HookKind.TRACEPOINT, c.getInt(TemplateAbi.TpcHookConfig.HOOK_KIND_OFFSET));
        assertEquals(3, c.getInt(TemplateAbi.TpcHookConfig.MAX_SELECTORS_OFFSET));
        assertEquals(3, c.getInt(TemplateAbi.TpcHookConfig.NARGS_OFFSET));
        long ops = c.getLong(TemplateAbi.TpcHookConfig.ARG_OPS_OFFSET);
        for (int op : new int[] {TemplateAbi.TgOp.EQ, TemplateAbi.TgOp.LT, TemplateAbi.TgOp.GT, TemplateAbi.TgOp.MASK,
                TemplateAbi.TgOp.INMAP}) {
            assertTrue((ops & (1L << op)) != 0, "operator " + op + " enabled in tpc_cfg");
        }
        assertEquals(0, ops & (1L << TemplateAbi.TgOp.PREFIX), "unused operators stay off");
        MapContent.InnerMap values = hook.maps().stream().filter(MapContent.InnerMap.class::isInstance)
                .map(MapContent.InnerMap.class::cast).filter(m -> m.map().equals("argfilter_maps")).findFirst().orElseThrow();
        assertEquals("argfilter_map_0", values.name());
        assertEquals(2, values.entries().size(), "InMap 3, 4");
        assertEquals(List.of("fd", "offset", "whence"), hook.hook().args().stream().map(a -> a.label()).toList());
        assertEquals("process_tracepoint", hook.hook().kind().eventKey());
    }

    @Test
    void mismatchesAreRefusedWithAReason(@TempDir Path dir) throws Exception {
        Path lseek = compile(dir, "lseek-integer-filters.yaml", Arch.X86_64, "5.10");
        Bundle b = BundlePlans.read(lseek, Arch.X86_64);
        BundlePlanException wrongKernel = assertThrows(BundlePlanException.class,
                () -> BundlePlans.chooseTarget(b, Optional.empty(), new KernelVersion(6, 18, 0)));
        assertTrue(wrongKernel.getMessage().contains("compiled for 5.10 but the running kernel is 6.18.0"), wrongKernel.getMessage());
        BundlePlanException wrongTarget = assertThrows(BundlePlanException.class,
                () -> BundlePlans.chooseTarget(b, Optional.of("6.12"), new KernelVersion(6, 12, 0)));
        assertTrue(wrongTarget.getMessage().contains("not for target 6.12"), wrongTarget.getMessage());
        assertThrows(BundlePlanException.class, () -> BundlePlans.plan(b, "6.12"));

        Path arm = compile(dir.resolve("arm"), "lseek-integer-filters.yaml", Arch.ARM64, "6.12");
        BundleFormatException wrongArch = assertThrows(BundleFormatException.class, () -> BundlePlans.read(arm, Arch.X86_64));
        assertEquals(BundleRule.WRONG_ARCHITECTURE, wrongArch.rule());

        Path lsm = compile(dir.resolve("lsm"), "lsm-file-open.yaml", Arch.X86_64, "6.12");
        BundlePlanException noTemplate = assertThrows(BundlePlanException.class,
                () -> BundlePlans.plan(BundlePlans.read(lsm, Arch.X86_64), "6.12"));
        assertTrue(noTemplate.getMessage().contains("no program for lsm hooks"), noTemplate.getMessage());
    }

    @Test
    void kprobesAndUprobesPlanWithTheirReturnPrograms(@TempDir Path dir) throws Exception {
        Path write = compile(dir.resolve("kprobe"), "write-to-stdout.yaml", Arch.X86_64, "6.12");
        LoadPlan kprobe = BundlePlans.plan(BundlePlans.read(write, Arch.X86_64), "6.12");
        assertEquals(2, kprobe.programs().size(), "exec tracker and the kprobe");
        assertEquals(new Attach.Kprobe("__x64_sys_write", false), kprobe.programs().get(1).attach().get(0).attach());
        assertEquals("tpc_kprobe", kprobe.programs().get(1).template().name());

        Path perm = compile(dir.resolve("kretprobe"), "file-permission-return.yaml", Arch.X86_64, "6.12");
        LoadPlan kret = BundlePlans.plan(BundlePlans.read(perm, Arch.X86_64), "6.12");
        assertEquals(3, kret.programs().size(), "exec tracker, entry and return program");
        ProgramPlan entry = kret.programs().get(1);
        ProgramPlan ret = kret.programs().get(2);
        assertEquals(new Attach.Kprobe("security_file_permission", true), ret.attach().get(0).attach());
        assertEquals("tpc_kretprobe", ret.program());
        assertEquals(entry.id(), ret.returnOf());
        assertEquals(java.util.Set.of("tpc_kretprobe"), ret.loadOnly());
        assertEquals(TemplateAbi.HookKind.KRETPROBE, ByteBuffer.wrap(ret.rodata().get("tpc_cfg").value())
                .order(ByteOrder.LITTLE_ENDIAN).getInt(TemplateAbi.TpcHookConfig.HOOK_KIND_OFFSET));
        assertTrue(!filterOf(entry).equals(filterOf(ret)), "the return program gets the return blob");

        Path sudo = compile(dir.resolve("uprobe"), "uprobe-readline-sudo.yaml", Arch.X86_64, "6.12");
        LoadPlan uprobe = BundlePlans.plan(BundlePlans.read(sudo, Arch.X86_64), "6.12");
        assertEquals(new Attach.Uprobe("/bin/bash", "readline", 0, false, false, 0),
                uprobe.programs().get(1).attach().get(0).attach());
        assertEquals(new Attach.Uprobe("/bin/bash", "readline", 0, true, false, 0),
                uprobe.programs().get(2).attach().get(0).attach());
        assertEquals("/bin/bash", uprobe.programs().get(1).hook().user().path());
        assertEquals(List.of("string"), uprobe.programs().get(2).hook().args().stream()
                .map(dev.tpc.runtime.plan.HookInfo.ArgInfo::type).toList(), "the return value, typed by returnArg");
        assertTrue(uprobe.programs().get(2).maps().stream().anyMatch(m -> m.map().equals("string_prefix_maps")),
                "matchReturnArgs' prefix map goes to the return program");
        assertTrue(uprobe.programs().get(1).maps().stream().noneMatch(m -> m.map().equals("string_prefix_maps")));
    }

    private static dev.tpc.runtime.plan.Bytes filterOf(ProgramPlan p) {
        return p.maps().stream().filter(MapContent.Entries.class::isInstance).map(MapContent.Entries.class::cast)
                .filter(m -> m.map().equals("filter_map")).findFirst().orElseThrow().entries().get(0).value();
    }

    @Test
    void hostNamespaceValuesBecomeNodePatches(@TempDir Path dir) throws Exception {
        Path p = compile(dir, "openat-sensitive-files.yaml", Arch.X86_64, "6.12");
        String yaml = Files.readString(examples().resolve("openat-sensitive-files.yaml"));
        LoadPlan plan = BundlePlans.plan(BundlePlans.read(p, Arch.X86_64), "6.12");
        ProgramPlan hook = plan.programs().get(1);
        MapContent.Entries filter = hook.maps().stream().filter(MapContent.Entries.class::isInstance)
                .map(MapContent.Entries.class::cast).filter(m -> m.map().equals("filter_map")).findFirst().orElseThrow();
        boolean hostNs = yaml.contains("host_ns");
        assertEquals(hostNs, filter.entries().get(0).value().hasPatches(),
                "host_ns in the policy ⇔ a node patch in the filter blob");
    }

    /** The plan of a bundle loads into the running kernel and reports the lseek calls its selectors match. */
    @Test
    void loadedBundleReportsMatchingEvents(@TempDir Path dir) throws Exception {
        BpfTestSupport.requireBpf();
        if (!Files.isExecutable(Path.of("/usr/bin/perl"))) {
            BpfTestSupport.skip(Skip.Kind.ENVIRONMENT, "/usr/bin/perl is needed to call lseek(fd, -1, SEEK_END)");
        }
        LoadPlan plan = BundlePlans.plan(BundlePlans.read(compile(dir, "lseek-integer-filters.yaml", Arch.X86_64, "6.12"),
                Arch.X86_64), "6.12");
        StringWriter out = new StringWriter();
        try (TpcRuntime.Run run = TpcRuntime.run(plan, new TpcRuntime.RunOptions("test-node", TpcRuntime.Format.JSON, out,
                Templates.bundled()))) {
            Process p = new ProcessBuilder("/usr/bin/perl", "-e",
                    "open(F,'<','/etc/hostname') or die; sysseek(F,-1,2); sysseek(F,0,0);").start();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
            long pid = p.pid();
            boolean seen = false;
            for (int i = 0; i < 50 && !seen; i++) {
                run.poll(Duration.ofMillis(100));
                seen = out.toString().lines().anyMatch(l -> l.contains("\"lseek-integer-filters\"")
                        && l.contains("\"pid\":" + pid) && l.contains("sys_enter_lseek"));
            }
            assertTrue(seen, "no lseek event of pid " + pid + " in:\n" + out);
            long matching = out.toString().lines().filter(l -> l.contains("\"pid\":" + pid) && l.contains("sys_enter_lseek")).count();
            assertEquals(1, matching, "SEEK_SET 0 matches no selector; SEEK_END -1 matches the first:\n" + out);
        }
    }
}
