package dev.tpc.runtime.session;

import dev.tpc.abi.TemplateAbi;
import dev.tpc.runtime.plan.Attach;
import dev.tpc.runtime.plan.HookInfo;
import dev.tpc.runtime.plan.LoadPlan;
import dev.tpc.runtime.plan.ProgramAttach;
import dev.tpc.runtime.plan.ProgramPlan;
import dev.tpc.runtime.plan.TemplateRef;
import dev.tpc.target.KernelVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/** The project's own templates (bpf-templates, described by the generated {@link TemplateAbi}). */
public final class Templates {
    private Templates() {
    }

    /**
     * Template objects shipped on the class path: {@code TemplateRef(object, variant)} is the resource
     * {@code dev/tpc/bpf/<object>.<variant>.bpf.o}.
     */
    public static TemplateSource bundled() {
        ClassLoader loader = Templates.class.getClassLoader();
        return ref -> {
            String resource = TemplateAbi.RESOURCE_DIR + ref.name() + "." + ref.variant() + ".bpf.o";
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("no BPF template " + ref + " (class-path resource " + resource + ")");
                }
                return in.readAllBytes();
            }
        };
    }

    /**
     * The template variant for a kernel version ({@code MAJOR.MINOR[.PATCH...]}): the one whose
     * [minKernel, maxKernelExclusive) range holds it; empty for kernels older than every variant.
     */
    public static Optional<TemplateAbi.Variant> variantFor(String kernelVersion) {
        Optional<KernelVersion> v = KernelVersion.parse(kernelVersion).map(Templates::majorMinor);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        for (TemplateAbi.Variant variant : TemplateAbi.Variant.values()) {
            boolean aboveMin = v.get().compareTo(majorMinor(variant.minKernel())) >= 0;
            boolean belowMax = variant.maxKernelExclusive().isEmpty()
                    || v.get().compareTo(majorMinor(variant.maxKernelExclusive())) < 0;
            if (aboveMin && belowMax) {
                return Optional.of(variant);
            }
        }
        return Optional.empty();
    }

    private static KernelVersion majorMinor(KernelVersion k) {
        return new KernelVersion(k.major(), k.minor(), 0);
    }

    private static KernelVersion majorMinor(String version) {
        return KernelVersion.parse(version).map(Templates::majorMinor)
                .orElseThrow(() -> new IllegalStateException("the template ABI names kernel version " + version));
    }

    /** Maps one instance of which all objects of a session share: the template ABI's policy and global maps. */
    public static Set<String> sharedMaps() {
        return TemplateAbi.Maps.ALL.stream().filter(m -> !m.scope().equals("program"))
                .map(TemplateAbi.MapSpec::name).collect(Collectors.toUnmodifiableSet());
    }

    /** The exec tracker: process exec, fork and exit, feeding the process cache and process_exec/exit events. */
    public static ProgramPlan execTracker(String variant) {
        List<ProgramAttach> attach = new ArrayList<>();
        for (TemplateAbi.ProgramSpec p : TemplateAbi.Programs.ALL) {
            if (p.hookKind() == TemplateAbi.HookKind.EXEC_TRACKER) {
                attach.add(new ProgramAttach(p.program(), new Attach.BySection()));
            }
        }
        return new ProgramPlan("exec-tracker", new TemplateRef(TemplateAbi.Programs.TPC_EXEC.object(), variant), attach,
                Set.of(), Map.of(), Map.of(), List.of(), null);
    }

    /**
     * A plan with the exec tracker first (so that it creates the shared maps), then the policy's hooks,
     * sharing the ABI's global and policy maps and reading events from its ring buffer.
     */
    public static LoadPlan withExecTracker(String policyName, String variant, List<ProgramPlan> hooks) {
        List<ProgramPlan> all = new ArrayList<>();
        all.add(execTracker(variant));
        all.addAll(hooks);
        return new LoadPlan(policyName, all, sharedMaps(), TemplateAbi.Maps.TPC_EVENTS.name());
    }

    /**
     * Several policies' plans (each as {@link #withExecTracker} builds it) as one plan: one exec
     * tracker, then every policy's hooks in order, their ids prefixed with the policy's name (two
     * policies may probe the same function, and a return program finds its entry by id). The
     * policies share the process table and the ring buffer; each keeps its own policy-scoped maps
     * (mode, rate limits), see the session.
     */
    public static LoadPlan combine(List<LoadPlan> plans) {
        if (plans.isEmpty()) {
            throw new IllegalArgumentException("no plans to combine");
        }
        if (plans.size() == 1) {
            return plans.get(0);
        }
        List<ProgramPlan> all = new ArrayList<>();
        List<String> names = new ArrayList<>();
        ProgramPlan tracker = null;
        for (LoadPlan plan : plans) {
            String prefix = names.contains(plan.policyName()) ? plan.policyName() + "#" + (names.size() + 1) : plan.policyName();
            names.add(plan.policyName());
            for (ProgramPlan p : plan.programs()) {
                if (isExecTracker(p)) {
                    if (tracker == null) {
                        tracker = p;
                    } else if (!tracker.template().equals(p.template())) {
                        throw new IllegalArgumentException("the plans use different exec tracker variants: "
                                + tracker.template() + " and " + p.template());
                    }
                } else {
                    all.add(p.withIdPrefix(prefix + ": "));
                }
            }
        }
        if (tracker != null) {
            all.add(0, tracker);
        }
        java.util.Set<String> shared = new java.util.HashSet<>();
        plans.forEach(p -> shared.addAll(p.sharedMaps()));
        return new LoadPlan(String.join(",", names), all, shared, plans.get(0).eventsMap());
    }

    /** Whether {@code p} is the exec tracker, as {@link #execTracker} makes it. */
    public static boolean isExecTracker(ProgramPlan p) {
        return p.hook() == null && p.template().name().equals(TemplateAbi.Programs.TPC_EXEC.object());
    }

    /** Hook metadata by the hook id records carry (the attach point's position in the plan, from 1). */
    public static IntFunction<Optional<HookInfo>> hooksOf(LoadPlan plan) {
        return id -> id >= 1 && id <= plan.programs().size()
                ? Optional.ofNullable(plan.programs().get(id - 1).hook()) : Optional.empty();
    }
}
