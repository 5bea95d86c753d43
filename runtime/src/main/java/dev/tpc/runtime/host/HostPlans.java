package dev.tpc.runtime.host;

import dev.tpc.api.CompileReport;
import dev.tpc.api.CompileRequest;
import dev.tpc.api.CompiledBundle;
import dev.tpc.api.InvalidRequestException;
import dev.tpc.api.Tpc;
import dev.tpc.bundle.Bundle;
import dev.tpc.bundle.BundleFormatException;
import dev.tpc.diag.BundleRule;
import dev.tpc.runtime.TpcRuntime;
import dev.tpc.runtime.bundle.BundlePlanException;
import dev.tpc.runtime.bundle.BundlePlans;
import dev.tpc.runtime.libbpf.LibbpfUnavailableException;
import dev.tpc.runtime.libbpf.Native;
import dev.tpc.runtime.plan.LoadPlan;
import dev.tpc.runtime.plan.ProgramPlan;
import dev.tpc.runtime.sys.Mounts;
import dev.tpc.target.Arch;
import dev.tpc.target.KernelVersion;
import dev.tpc.target.TargetProfile;
import dev.tpc.target.TargetProfiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Policies and bundles as load plans for the running kernel: what {@code tpc run} loads. Policy
 * files go through the whole pipeline (check, lower, encode, bundle) for one target, then every
 * bundle (compiled here or given) is read strictly, its target chosen and turned into a plan.
 * The target is {@code --target} when given, else the running kernel as {@code tpc probe}
 * describes it; tracepoint formats come from this kernel's tracefs either way.
 */
public final class HostPlans {
    private HostPlans() {
    }

    /**
     * @param inputs      policy files, directories of policy files, bundle files ({@code .tpb})
     * @param target      a target name or profile file; empty for the running kernel
     * @param workDir     an empty directory for the probed profile, the tracepoint formats and the bundles
     * @param workingDirectory relative inputs and targets are resolved against it
     */
    public record Request(List<Path> inputs, Optional<String> target, Path workDir, Path workingDirectory) {
        public Request {
            inputs = List.copyOf(inputs);
        }
    }

    /** One policy ready to load. */
    public record Policy(String name, Path bundle, String target, LoadPlan plan) {
        /** Attach points of the policy (the exec tracker excluded). */
        public int hooks() {
            return (int) plan.programs().stream().filter(p -> p.hook() != null).count();
        }
    }

    /**
     * The plans, or why there are none. {@code compile} is the check and compile of the policy
     * files (absent when only bundles were given), for the caller to render. {@code usageMistake}
     * marks a refusal of the request itself (an input that does not exist, an unknown target),
     * which {@code tpc check} and {@code tpc compile} answer with exit status 2, rather than of
     * the policies or bundles.
     */
    public record Outcome(List<Policy> policies, Optional<String> refusal, Optional<CompileReport> compile,
                          boolean usageMistake) {
        public Outcome {
            policies = List.copyOf(policies);
        }

        public boolean ready() {
            return refusal.isEmpty();
        }

        static Outcome refused(String why, Optional<CompileReport> compile) {
            return new Outcome(List.of(), Optional.of(why), compile, false);
        }

        static Outcome badRequest(String why) {
            return new Outcome(List.of(), Optional.of(why), Optional.empty(), true);
        }
    }

    public static Outcome prepare(Request request) throws LibbpfUnavailableException, IOException {
        Native n = Native.get();
        Arch arch = n.arch() == Native.Arch.AARCH64 ? Arch.ARM64 : Arch.X86_64;
        Mounts.ensureTracefs(n);
        List<Path> bundles = new ArrayList<>();
        List<Path> policies = new ArrayList<>();
        for (Path given : request.inputs()) {
            Path p = request.workingDirectory().resolve(given).normalize();
            if (!Files.exists(p)) {
                return Outcome.badRequest("no such file or directory: " + given);
            }
            if (Files.isRegularFile(p) && isBundle(p)) {
                bundles.add(p);
            } else {
                policies.add(p);
            }
        }
        KernelVersion running = runningKernel();
        Optional<CompileReport> compile = Optional.empty();
        Optional<String> requested = Optional.empty();
        if (request.target().isPresent()) {
            requested = targetName(request.target().get(), request.workingDirectory());
            if (requested.isEmpty()) {
                return Outcome.badRequest("target '" + request.target().get()
                        + "' is neither a named profile nor a readable profile file");
            }
        }
        Compiled compiled = Compiled.NOTHING;
        if (!policies.isEmpty()) {
            compiled = compile(request, policies, arch, requested);
            if (compiled.refusal().isPresent()) {
                return new Outcome(List.of(), compiled.refusal(), compiled.report(), compiled.usageMistake());
            }
            compile = compiled.report();
        }
        List<Policy> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<Path> all = new ArrayList<>(bundles);
        all.addAll(compiled.bundles().keySet());
        for (Path file : all) {
            boolean fromPolicy = compiled.bundles().containsKey(file);
            Optional<String> wanted = fromPolicy ? compiled.target() : requested;
            String shownAs = fromPolicy ? compiled.bundles().get(file) : shown(file, request);
            try {
                Bundle bundle = BundlePlans.read(file, arch);
                String chosen = BundlePlans.chooseTarget(bundle, wanted, running);
                LoadPlan plan = BundlePlans.plan(bundle, chosen);
                String name = bundle.manifest().qualifiedName();
                if (!names.add(name)) {
                    return Outcome.refused("two of the policies are named " + name + "; run them one at a time", compile);
                }
                out.add(new Policy(name, file, chosen, plan));
            } catch (BundleFormatException e) {
                // a bundle for another machine is sound, only not for this one
                String what = e.rule() == BundleRule.WRONG_ARCHITECTURE ? "cannot run here: " : "not a valid bundle: ";
                return Outcome.refused(shownAs + ": " + what + e.rule().code() + " " + e.getMessage(), compile);
            } catch (BundlePlanException e) {
                return Outcome.refused(shownAs + ": " + e.getMessage(), compile);
            }
        }
        if (out.isEmpty()) {
            return Outcome.refused("no policy to run", compile);
        }
        return new Outcome(out, Optional.empty(), compile, false);
    }

    /**
     * The bundles compiled from policy files (by file, with the policy it came from as users know
     * it), the target they were compiled for, and the report; or why they could not be.
     */
    private record Compiled(Map<Path, String> bundles, Optional<String> target, Optional<CompileReport> report,
                            Optional<String> refusal, boolean usageMistake) {
        static final Compiled NOTHING = new Compiled(Map.of(), Optional.empty(), Optional.empty(), Optional.empty(), false);
    }

    /**
     * Check and compile the policy files for the requested target, or for the running kernel as
     * the probe describes it, with this kernel's tracefs formats of the tracepoints they name.
     */
    private static Compiled compile(Request request, List<Path> policies, Arch arch, Optional<String> requested)
            throws IOException, LibbpfUnavailableException {
        String targetSpec;
        Optional<String> target = requested;
        if (request.target().isPresent()) {
            targetSpec = request.target().get();
        } else {
            Path profile = request.workDir().resolve("running-kernel.yaml");
            String name = HostName.get();
            Files.writeString(profile, TpcRuntime.probeAsProfile(name), StandardCharsets.UTF_8);
            targetSpec = profile.toString();
            target = Optional.of(name);
        }
        List<Path> formats = new ArrayList<>();
        HostTracepoints.write(HostTracepoints.named(policyFiles(policies)), request.workDir().resolve("tracepoints.formats"))
                .ifPresent(formats::add);
        CompileReport report;
        try {
            report = Tpc.compile(new CompileRequest(policies, List.of(targetSpec), arch, request.workDir().resolve("bundles"),
                    formats, false, Optional.empty(), request.workingDirectory()));
        } catch (InvalidRequestException e) {
            return new Compiled(Map.of(), target, Optional.empty(), Optional.of(e.getMessage()), true);
        }
        if (report.failed()) {
            return new Compiled(Map.of(), target, Optional.of(report), Optional.of(
                    "the policies do not compile for " + target.orElse(targetSpec) + " (see the findings above)"), false);
        }
        Map<Path, String> bundles = new LinkedHashMap<>();
        for (CompiledBundle b : report.bundles()) {
            bundles.put(b.file(), b.source() + (b.document() > 1 ? " (document " + b.document() + ")" : ""));
        }
        return new Compiled(bundles, target, Optional.of(report), Optional.empty(), false);
    }

    /** How bundles name a target: a profile name as given, a profile file by its {@code name:}. */
    private static Optional<String> targetName(String spec, Path workingDirectory) {
        if (TargetProfiles.named(spec).isPresent()) {
            return Optional.of(spec);
        }
        Path file = workingDirectory.resolve(spec);
        if (!Files.isRegularFile(file)) {
            return Optional.of(spec); // the name of the probed profile, or a name the bundles may know
        }
        return TargetProfiles.load(file, spec).profile().map(TargetProfile::name);
    }

    private static String shown(Path file, Request request) {
        Path base = request.workingDirectory().toAbsolutePath().normalize();
        Path abs = file.toAbsolutePath().normalize();
        return (abs.startsWith(base) ? base.relativize(abs) : abs).toString();
    }

    /** A bundle is a zip archive: named {@code .tpb}, or starting with the zip signature. */
    static boolean isBundle(Path file) throws IOException {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tpb")) {
            return true;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        }
    }

    private static List<Path> policyFiles(List<Path> inputs) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).filter(f -> {
                        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                        return n.endsWith(".yaml") || n.endsWith(".yml");
                    }).sorted().forEach(out::add);
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }

    static KernelVersion runningKernel() throws IOException {
        String release = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        return KernelVersion.parse(release).orElseThrow(() -> new IOException("cannot read the kernel version from " + release));
    }
}
