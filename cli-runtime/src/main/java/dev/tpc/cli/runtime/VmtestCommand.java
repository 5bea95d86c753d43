package dev.tpc.cli.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "vmtest", mixinStandardHelpOptions = true,
        description = {"Run scenarios (.tps files) on a matrix of kernels in qemu guests (KVM when usable, else TCG).", "",
                "Each named kernel is Debian's own package of its target profile, fetched with apt into a cache, booted "
                        + "once with the host root read-only; inside, the same runner as tpc test runs every scenario. "
                        + "Scenarios the kernel cannot run (by its profile) are skipped with the reason before it boots; a "
                        + "kernel with nothing to run is not booted. A guest that panics, hangs or runs nothing fails.",
                "Needs qemu-system-x86, busybox-static, apt and dpkg (to fetch kernels), root for the host kernel. "
                        + "docs/kernel-matrix.md."},
        footer = {"", "Exit status: 0 every scenario passed or was skipped on every kernel; 1 a scenario or a kernel failed, "
                + "or a scenario file has errors; 2 usage error; 3 internal error."})
final class VmtestCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "SCENARIO_OR_DIR", arity = "1..*", description = "Scenario files (.tps) or directories of them.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--kernels", paramLabel = "K[,K...]", split = ",",
            description = "Kernels: named profiles (5.10, 6.1, 6.12, 7.2) and host. Default: every named profile.")
    List<String> kernels;

    @Option(names = "--kernel", paramLabel = "NAME=PROFILE:DEB[:DEB...]",
            description = "A kernel of your own: its .deb files (image, and modules when split), held against PROFILE.")
    List<String> userKernels = new ArrayList<>();

    @Option(names = "--jobs", paramLabel = "N", description = "Guests at once. Default: 1 on two cores or fewer, else 2.")
    Integer jobs;

    @Option(names = "--shard", paramLabel = "I/N", description = "Run only share I of N of the (kernel, scenario) pairs.")
    String shard;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Report format: text (ends with the matrix), json, junit. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path output;

    @Option(names = "--filter", paramLabel = "NAME_GLOB", description = "Run only the scenarios whose name matches.")
    String filter;

    @Option(names = "--kernel-cache", paramLabel = "DIR",
            description = "Where kernels are cached. Default: $TPC_KERNEL_CACHE, else ~/.cache/tpc/kernels.")
    Path kernelCache;

    @Option(names = "--offline", description = "Use only cached kernels; never ask Debian's archive.")
    boolean offline;

    @Option(names = "--guest-timeout", paramLabel = "DURATION", description = "Hard limit per guest. Default: 15m.")
    String guestTimeout;

    @Option(names = "--time-scale", paramLabel = "X",
            description = "Multiply every step timeout inside a guest by X. Default: 1 with KVM, 10 under TCG.")
    Double timeScale;

    @Option(names = "--keep-console", description = "Keep every guest's console log (failed guests' logs are always kept).")
    boolean keepConsole;

    @Option(names = "--verbose", description = "Show every step and event in the text report.")
    boolean verbose;

    @Override
    public Integer call() {
        return VmtestVerb.run(this, spec.commandLine());
    }
}
