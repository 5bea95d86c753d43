package dev.tpc.scenario.run;

import dev.tpc.api.CompileReport;
import dev.tpc.report.ReportFormat;
import dev.tpc.runtime.host.HostPlans;
import dev.tpc.runtime.libbpf.LibbpfUnavailableException;
import dev.tpc.runtime.plan.LoadPlan;
import dev.tpc.runtime.probe.ProbeReport;
import dev.tpc.runtime.session.AttachedPolicy;
import dev.tpc.runtime.session.LoadFailure;
import dev.tpc.runtime.session.TracingSession;
import dev.tpc.scenario.model.PolicyRef;
import dev.tpc.scenario.model.Scenario;
import dev.tpc.scenario.model.ScenarioFile;
import dev.tpc.scenario.model.Step;
import dev.tpc.scenario.result.Outcome;
import dev.tpc.scenario.result.ScenarioResult;
import dev.tpc.scenario.result.SelectorCoverage;
import dev.tpc.scenario.result.StepResult;
import dev.tpc.workload.lowering.Lowering;
import dev.tpc.workload.lowering.StepContext;
import dev.tpc.workload.lowering.StepLowering;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs one scenario on the running kernel, in a tracing session that outlives it: requirements,
 * policies compiled (or bundles read) for this kernel, skip when the kernel lacks what they need,
 * load scoped to the scenario's cgroup, the steps one after another, selector coverage, unload,
 * and a check that nothing the scenario loaded is left in the kernel.
 */
final class ScenarioExecutor {
    private static final int VERIFIER_LINES = 20;
    private final TracingSession session;
    private final KernelFacts facts;
    private final Path profile;
    private final RunRequest request;
    private final StepRunner steps;
    private int scenarios;

    /** @param profile the running kernel's probed profile as a file, the target policies are compiled for */
    ScenarioExecutor(TracingSession session, ProbeReport probe, Path profile, RunRequest request) {
        this.session = session;
        this.facts = KernelFacts.of(probe);
        this.profile = profile;
        this.request = request;
        this.steps = new StepRunner(session, request.nodeName(), request.scaled(request.exitBarrier()));
    }

    ScenarioResult run(ScenarioFile file, Scenario scenario) {
        long started = System.nanoTime();
        Optional<String> unmet = Admission.requirements(scenario, facts);
        if (unmet.isPresent()) {
            return ScenarioResult.skipped(file.shownAs(), scenario.name(), unmet.get());
        }
        Path work;
        try {
            work = Files.createTempDirectory(request.scratchRoot(), "tps-work-");
        } catch (IOException e) {
            return broken(file, scenario, "cannot create a work directory under " + request.scratchRoot() + ": "
                    + e.getMessage(), started);
        }
        try {
            return prepareAndRun(file, scenario, work, started);
        } finally {
            Scratch.deleteTree(work);
        }
    }

    private ScenarioResult prepareAndRun(ScenarioFile file, Scenario scenario, Path work, long started) {
        HostPlans.Outcome prepared;
        try {
            prepared = HostPlans.prepare(new HostPlans.Request(inputs(scenario), Optional.of(profile.toString()), work,
                    request.workingDirectory()));
        } catch (IOException | LibbpfUnavailableException e) {
            return broken(file, scenario, "cannot prepare the policies: " + e.getMessage(), started);
        }
        if (!prepared.ready()) {
            return refused(file, scenario, prepared, started);
        }
        List<LoadPlan> plans = new ArrayList<>();
        for (HostPlans.Policy p : prepared.policies()) {
            LoadPlan plan = scenario.mode().map(m -> PolicyModes.apply(p.plan(), m)).orElse(p.plan());
            Optional<String> missing = Admission.needs(plan, facts);
            if (missing.isPresent()) {
                return ScenarioResult.skipped(file.shownAs(), scenario.name(), missing.get());
            }
            plans.add(plan);
        }
        Optional<Path> mount = ScopeCgroup.mountPoint();
        if (mount.isEmpty()) {
            return ScenarioResult.skipped(file.shownAs(), scenario.name(), "no cgroup v2 hierarchy is mounted, and tpc"
                    + " scopes every scenario to a cgroup of its own so that its policies can hit nothing else");
        }
        try (ScopeCgroup scope = ScopeCgroup.create(mount.get(), "tpc-scenario-" + ProcessHandle.current().pid() + "-"
                + (++scenarios));
             Scratch scratch = Scratch.create(request.scratchRoot(), scenario.name(), scenario.setup())) {
            return attachAndRun(file, scenario, plans, scope, scratch, started);
        } catch (IOException e) {
            return broken(file, scenario, "cannot set the scenario up: " + e.getMessage(), started);
        }
    }

    private ScenarioResult attachAndRun(ScenarioFile file, Scenario scenario, List<LoadPlan> plans, ScopeCgroup scope,
            Scratch scratch, long started) {
        List<AttachedPolicy> attached = new ArrayList<>();
        List<StepResult> results = new ArrayList<>();
        List<SelectorCoverage> coverage = new ArrayList<>();
        List<String> leftovers = new ArrayList<>();
        try {
            for (LoadPlan plan : plans) {
                attached.add(session.attach(plan, scope.id()));
            }
            EventMatcher matcher = new EventMatcher(scratch.dir().toString());
            boolean stop = false;
            for (Step step : scenario.steps()) {
                if (stop) {
                    results.add(new StepResult(step.name(), Outcome.SKIPPED, "", 0, List.of(), List.of(), "",
                            "not run: an earlier step of the scenario could not be judged", Duration.ZERO));
                    continue;
                }
                Lowering lowered = lower(step, scenario, scope, scratch);
                StepResult r = lowered instanceof Lowering.Ready ready ? steps.run(step, ready.spec(), matcher)
                        : StepRunner.refused(step, (Lowering.Refused) lowered);
                results.add(r);
                request.listener().stepFinished(file, scenario, r);
                stop = r.outcome() == Outcome.ERROR;
            }
            for (AttachedPolicy a : attached) {
                coverage.addAll(Coverage.of(a));
            }
        } catch (LoadFailure e) {
            return broken(file, scenario, "cannot load the policies: " + e.describe(VERIFIER_LINES), started);
        } catch (IOException e) {
            return broken(file, scenario, "cannot set the step up: " + e.getMessage(), started);
        } finally {
            for (AttachedPolicy a : attached) {
                a.close();
                leftovers.addAll(a.kernelObjects().stillInKernel(40).stream().map(o -> a.policyName() + ": " + o).toList());
            }
        }
        Outcome outcome = !leftovers.isEmpty() || results.stream().anyMatch(r -> r.outcome() == Outcome.ERROR) ? Outcome.ERROR
                : results.stream().anyMatch(r -> r.outcome() == Outcome.FAILED) ? Outcome.FAILED : Outcome.PASSED;
        String reason = leftovers.isEmpty() ? "" : "its policies left objects in the kernel after unloading: " + leftovers;
        return new ScenarioResult(file.shownAs(), scenario.name(), outcome, reason, results, coverage, leftovers,
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** The step lowered for the workload helper, or why it cannot run as written (an error of the step). */
    private Lowering lower(Step step, Scenario scenario, ScopeCgroup scope, Scratch scratch) throws IOException {
        Duration timeout = request.scaled(step.within().orElse(request.stepTimeout()));
        Path out = Files.createTempFile(scratch.dir(), ".step-", ".out");
        Path err = Files.createTempFile(scratch.dir(), ".step-", ".err");
        return StepLowering.lower(step.workload(), new StepContext(scratch.dir(), scenario.setup(), Optional.of(scope.dir()),
                timeout, out, err));
    }

    /** The policies as HostPlans takes them: YAML compiled here, or the bundle compiled for this kernel beforehand. */
    private List<Path> inputs(Scenario scenario) {
        List<Path> out = new ArrayList<>();
        for (PolicyRef p : scenario.policies()) {
            out.addAll(request.bundles().getOrDefault(p.path(), List.of(p.path())));
        }
        return out;
    }

    /**
     * Policies that do not compile for this kernel: skipped when every error is a kernel-dependent
     * finding (TP4xxx: Tetragon would refuse the policy on this kernel, e.g. Override without the
     * override helper), an error of the scenario otherwise (the policy is wrong everywhere).
     */
    private ScenarioResult refused(ScenarioFile file, Scenario scenario, HostPlans.Outcome prepared, long started) {
        String why = prepared.refusal().orElse("the policies cannot be loaded");
        Optional<CompileReport> report = prepared.compile();
        if (report.isPresent()) {
            Optional<String> skip = Admission.refusedOnThisKernel(report.get());
            if (skip.isPresent()) {
                return ScenarioResult.skipped(file.shownAs(), scenario.name(), skip.get());
            }
            if (!report.get().failed() && !prepared.usageMistake()) {
                // the policies compiled: what refused them is the bundle's plan for this machine (a hook
                // kind tpc's templates cannot load yet, another architecture), not the scenario
                return ScenarioResult.skipped(file.shownAs(), scenario.name(), why);
            }
            why = why + "\n" + ReportFormat.TEXT.render(report.get().check(), false).strip();
        }
        return broken(file, scenario, why, started);
    }

    private static ScenarioResult broken(ScenarioFile file, Scenario scenario, String why, long started) {
        return new ScenarioResult(file.shownAs(), scenario.name(), Outcome.ERROR, why, List.of(), List.of(), List.of(),
                Duration.ofNanos(System.nanoTime() - started));
    }

}
