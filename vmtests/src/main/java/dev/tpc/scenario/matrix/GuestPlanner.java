package dev.tpc.scenario.matrix;

import dev.tpc.api.CompileReport;
import dev.tpc.api.CompileRequest;
import dev.tpc.api.CompiledBundle;
import dev.tpc.api.InvalidRequestException;
import dev.tpc.api.Tpc;
import dev.tpc.bundle.Bundle;
import dev.tpc.bundle.BundleFormatException;
import dev.tpc.report.ReportFormat;
import dev.tpc.runtime.bundle.BundlePlanException;
import dev.tpc.runtime.bundle.BundlePlans;
import dev.tpc.runtime.plan.LoadPlan;
import dev.tpc.scenario.model.PolicyRef;
import dev.tpc.scenario.model.Scenario;
import dev.tpc.scenario.model.ScenarioFile;
import dev.tpc.scenario.result.Outcome;
import dev.tpc.scenario.result.ScenarioResult;
import dev.tpc.scenario.run.Admission;
import dev.tpc.scenario.run.KernelFacts;
import dev.tpc.target.Arch;
import dev.tpc.target.TargetProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one kernel of the matrix will run, decided on the host before its guest boots: each
 * scenario's policies compiled for the kernel's named profile (with its shipped tracepoint
 * formats), and a scenario skipped with the reason when the profile says the kernel lacks what
 * the scenario or its compiled policies need. A kernel with nothing left to run is not booted.
 */
final class GuestPlanner {
    private GuestPlanner() {
    }

    /** A scenario that will run in the guest. */
    record Runnable(ScenarioFile file, Scenario scenario) {
    }

    /**
     * @param decided  results known without booting: skips, and scenarios whose policies do not compile
     * @param runnable what the guest runs, in order
     * @param bundles  the bundles of every policy file the runnable scenarios name, by policy file
     */
    record Plan(List<ScenarioResult> decided, List<Runnable> runnable, Map<Path, List<Path>> bundles) {
    }

    /** What compiling one policy file for the profile gave: its bundles, or why not. */
    private record Compiled(List<Path> bundles, Optional<String> skip, Optional<String> error) {
    }

    static Plan plan(List<Runnable> scenarios, TargetProfile profile, Path bundleDir, Path workingDirectory) {
        KernelFacts facts = KernelFacts.of(profile);
        Map<Path, Compiled> compiled = new HashMap<>();
        List<ScenarioResult> decided = new ArrayList<>();
        List<Runnable> runnable = new ArrayList<>();
        Map<Path, List<Path>> bundles = new LinkedHashMap<>();
        for (Runnable r : scenarios) {
            String file = r.file().shownAs();
            String name = r.scenario().name();
            Optional<String> unmet = Admission.requirements(r.scenario(), facts);
            if (unmet.isPresent()) {
                decided.add(ScenarioResult.skipped(file, name, unmet.get()));
                continue;
            }
            Optional<ScenarioResult> verdict = Optional.empty();
            Map<Path, List<Path>> mine = new LinkedHashMap<>();
            for (PolicyRef p : r.scenario().policies()) {
                Compiled c = compiled.computeIfAbsent(p.path(), path -> compile(path, profile, bundleDir, workingDirectory));
                if (c.error().isPresent()) {
                    verdict = Optional.of(new ScenarioResult(file, name, Outcome.ERROR, c.error().get(), List.of(), List.of(),
                            List.of(), Duration.ZERO));
                    break;
                }
                if (c.skip().isPresent()) {
                    verdict = Optional.of(ScenarioResult.skipped(file, name, c.skip().get()));
                    break;
                }
                Optional<String> lacking = needs(c.bundles(), profile, facts);
                if (lacking.isPresent()) {
                    verdict = Optional.of(ScenarioResult.skipped(file, name, lacking.get()));
                    break;
                }
                mine.put(p.path(), c.bundles());
            }
            if (verdict.isPresent()) {
                decided.add(verdict.get());
            } else {
                runnable.add(r);
                bundles.putAll(mine);
            }
        }
        return new Plan(decided, runnable, bundles);
    }

    private static Compiled compile(Path policy, TargetProfile profile, Path bundleDir, Path workingDirectory) {
        if (policy.getFileName().toString().endsWith(".tpb")) {
            return new Compiled(List.of(policy), Optional.empty(), Optional.empty());
        }
        Path out = bundleDir.resolve("p" + Integer.toHexString(policy.toString().hashCode()) + "-"
                + policy.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_"));
        CompileReport report;
        try {
            Files.createDirectories(out);
            report = Tpc.compile(new CompileRequest(List.of(policy), List.of(profile.name()), Arch.X86_64, out, List.of(),
                    false, Optional.empty(), workingDirectory));
        } catch (InvalidRequestException | IOException e) {
            return new Compiled(List.of(), Optional.empty(), Optional.of("cannot compile " + policy + ": " + e.getMessage()));
        }
        if (report.failed()) {
            Optional<String> skip = Admission.refusedOnThisKernel(report);
            if (skip.isPresent()) {
                return new Compiled(List.of(), skip, Optional.empty());
            }
            return new Compiled(List.of(), Optional.empty(), Optional.of("the policies do not compile for " + profile.name()
                    + ":\n" + ReportFormat.TEXT.render(report.check(), false).strip()));
        }
        return new Compiled(report.bundles().stream().map(CompiledBundle::file).toList(), Optional.empty(), Optional.empty());
    }

    /** The bundles read back and planned for the profile, as the guest will; what they need held against the profile. */
    private static Optional<String> needs(List<Path> bundles, TargetProfile profile, KernelFacts facts) {
        for (Path b : bundles) {
            try {
                Bundle bundle = BundlePlans.read(b, Arch.X86_64);
                LoadPlan plan = BundlePlans.plan(bundle, profile.name());
                Optional<String> lacking = Admission.needs(plan, facts);
                if (lacking.isPresent()) {
                    return lacking;
                }
            } catch (BundlePlanException e) {
                return Optional.of(e.getMessage());
            } catch (IOException | BundleFormatException e) {
                return Optional.of("the bundle " + b.getFileName() + " cannot be read back: " + e.getMessage());
            }
        }
        return Optional.empty();
    }
}
