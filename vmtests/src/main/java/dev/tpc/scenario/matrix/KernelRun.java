package dev.tpc.scenario.matrix;

import dev.tpc.scenario.matrix.GuestPlanner.Runnable;
import dev.tpc.scenario.result.Outcome;
import dev.tpc.scenario.result.ResultCodec;
import dev.tpc.scenario.result.RunReport;
import dev.tpc.scenario.result.ScenarioResult;
import dev.tpc.scenario.run.RunRequest;
import dev.tpc.target.TargetProfile;
import dev.tpc.vm.ExchangeFile;
import dev.tpc.vm.GuestListener;
import dev.tpc.vm.GuestOutcome;
import dev.tpc.vm.GuestRequest;
import dev.tpc.vm.Guests;
import dev.tpc.vm.kernel.Kernel;
import dev.tpc.vm.kernel.KernelException;
import dev.tpc.vm.kernel.KernelListener;
import dev.tpc.vm.kernel.KernelSource;
import dev.tpc.vm.kernel.KernelStore;
import dev.tpc.vm.qemu.Accel;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One kernel of the matrix: plan on the host, fetch the kernel, boot one guest whose agent runs
 * every runnable scenario, and turn what came back into that kernel's report. Pessimistic: a
 * scenario the guest started but did not report, or never reached, is an error with the guest's
 * ending and its last console lines; a guest that ran nothing is a failure, never a pass.
 */
final class KernelRun {
    /** How much slower than the host a TCG guest runs, for every duration inside it. */
    static final double TCG_SCALE = 10;
    private static final int CONSOLE_LINES_IN_REPORT = 15;

    private final MatrixRequest request;
    private final String name;
    private final TargetProfile profile;
    private final KernelSource source;
    private final List<Runnable> scenarios;

    KernelRun(MatrixRequest request, String name, TargetProfile profile, KernelSource source, List<Runnable> scenarios) {
        this.request = request;
        this.name = name;
        this.profile = profile;
        this.source = source;
        this.scenarios = List.copyOf(scenarios);
    }

    RunReport run() throws InterruptedException {
        long started = System.nanoTime();
        MatrixListener l = request.listener();
        Path work;
        try {
            Files.createDirectories(request.workDir());
            work = Files.createTempDirectory(request.workDir(), "tpc-vmtest-" + name + "-");
        } catch (IOException e) {
            return whole(List.of(), "cannot create a work directory under " + request.workDir() + ": " + e.getMessage(),
                    "", "-", started);
        }
        try {
            l.kernelStatus(name, "compiling the policies for " + profile.name());
            GuestPlanner.Plan plan = GuestPlanner.plan(scenarios, profile, work.resolve("bundles"), request.workingDirectory());
            plan.decided().forEach(r -> l.scenarioFinished(name, r));
            if (plan.runnable().isEmpty()) {
                l.kernelFinished(name, "not booted: every scenario is skipped here");
                return new RunReport(new RunReport.KernelRef(name, profile.release() + " (not booted)"), "-",
                        order(plan.decided(), List.of()), Duration.ofNanos(System.nanoTime() - started));
            }
            Kernel kernel;
            try {
                kernel = new KernelStore(request.kernelCache(), request.offline(), new KernelListener() {
                    @Override
                    public void status(String message) {
                        l.kernelStatus(name, message);
                    }

                    @Override
                    public void download(String what, long done, long total) {
                        l.kernelStatus(name, "downloading " + what + " " + (done >> 20) + " of " + (total >> 20) + " MB");
                    }
                }).get(source);
            } catch (KernelException e) {
                return whole(plan.decided(), "cannot get the kernel: " + e.getMessage(), "", "-", started);
            }
            return boot(kernel, plan, work, started);
        } finally {
            deleteTree(work);
        }
    }

    private RunReport boot(Kernel kernel, GuestPlanner.Plan plan, Path work, long started) throws InterruptedException {
        MatrixListener l = request.listener();
        Accel accel = Accel.detect();
        double scale = request.timeScale().orElse(accel == Accel.KVM ? 1 : TCG_SCALE);
        Map<String, Path> inputs = new LinkedHashMap<>();
        Map<String, List<String>> bundles = new LinkedHashMap<>();
        int n = 0;
        for (Map.Entry<Path, List<Path>> e : plan.bundles().entrySet()) {
            List<String> names = new ArrayList<>();
            for (Path b : e.getValue()) {
                String input = "bundle-" + (n++) + ".tpb";
                inputs.put(input, b);
                names.add(input);
            }
            bundles.put(e.getKey().toString(), names);
        }
        List<AgentRequest.Item> items = new ArrayList<>();
        for (int i = 0; i < plan.runnable().size(); i++) {
            Runnable r = plan.runnable().get(i);
            items.add(new AgentRequest.Item(i, r.file().path().toString(), r.file().shownAs(), r.scenario().name()));
        }
        AgentRequest agent = new AgentRequest(name, profile.name(), scale, RunRequest.DEFAULT_STEP_TIMEOUT.toMillis(), items,
                bundles);
        List<String> command;
        try {
            Path requestFile = work.resolve(AgentRequest.FILE);
            Files.writeString(requestFile, agent.write(), StandardCharsets.UTF_8);
            inputs.put(AgentRequest.FILE, requestFile);
            command = agentCommand();
        } catch (IOException e) {
            return whole(plan.decided(), "cannot prepare the guest: " + e.getMessage(), kernel.version(), accel.name(), started);
        }
        Map<Integer, ScenarioResult> results = new ConcurrentHashMap<>();
        List<Integer> startedScenarios = new ArrayList<>();
        String[] probe = {""};
        String[] agentError = {""};
        l.kernelStatus(name, "booting " + kernel.describe() + " (" + accel.name().toLowerCase(Locale.ROOT) + ")");
        GuestRequest.Builder guest = GuestRequest.builder(kernel, command).timeout(request.guestTimeout()).cpus(request.cpus())
                .keepConsole(request.keepConsole()).workDir(request.workDir())
                .initramfsCache(request.kernelCache().resolve("initramfs")).accel(accel)
                .listener(new GuestListener() {
                    @Override
                    public void exchangeFile(ExchangeFile file) {
                        collect(file, plan, results, startedScenarios, probe, agentError);
                    }
                });
        inputs.forEach(guest::input);
        GuestRequest built = guest.build();
        GuestOutcome outcome = Guests.run(built);
        return report(kernel, plan, outcome, results, startedScenarios, probe[0], agentError[0], started);
    }

    private void collect(ExchangeFile file, GuestPlanner.Plan plan, Map<Integer, ScenarioResult> results,
            List<Integer> startedScenarios, String[] probe, String[] agentError) {
        String fname = file.name();
        String text = new String(file.content(), StandardCharsets.UTF_8);
        if (fname.startsWith("result-") && fname.endsWith(".json")) {
            int i = Integer.parseInt(fname.substring(7, fname.length() - 5));
            ScenarioResult r;
            try {
                r = ResultCodec.read(text);
            } catch (IllegalArgumentException e) {
                Runnable s = plan.runnable().get(i);
                r = new ScenarioResult(s.file().shownAs(), s.scenario().name(), Outcome.ERROR, "the guest's result record is"
                        + " damaged: " + e.getMessage(), List.of(), List.of(), List.of(), Duration.ZERO);
            }
            results.put(i, r);
            request.listener().scenarioFinished(name, r);
            request.listener().kernelStatus(name, results.size() + " of " + plan.runnable().size() + " scenarios done");
        } else if (fname.startsWith("started-")) {
            synchronized (startedScenarios) {
                startedScenarios.add(Integer.parseInt(fname.substring(8)));
            }
        } else if (fname.equals(GuestAgent.PROBE)) {
            probe[0] = text;
        } else if (fname.equals(GuestAgent.TIMINGS)) {
            request.listener().kernelStatus(name, "agent: " + text.strip());
        } else if (fname.equals(GuestAgent.ERROR)) {
            agentError[0] = text;
        }
    }

    private RunReport report(Kernel kernel, GuestPlanner.Plan plan, GuestOutcome outcome, Map<Integer, ScenarioResult> results,
            List<Integer> startedScenarios, String probe, String agentError, long started) {
        String why = guestProblem(outcome, probe, agentError);
        List<ScenarioResult> ran = new ArrayList<>();
        for (int i = 0; i < plan.runnable().size(); i++) {
            ScenarioResult r = results.get(i);
            if (r == null) {
                Runnable s = plan.runnable().get(i);
                boolean begun;
                synchronized (startedScenarios) {
                    begun = startedScenarios.contains(i);
                }
                String reason = (begun ? "the guest ended while this scenario ran: " : "the guest never ran this scenario: ")
                        + (why.isEmpty() ? outcome.summary() : why);
                r = new ScenarioResult(s.file().shownAs(), s.scenario().name(), Outcome.ERROR, reason, List.of(), List.of(),
                        List.of(), Duration.ZERO);
                request.listener().scenarioFinished(name, r);
            }
            ran.add(r);
        }
        List<String> problems = why.isEmpty() ? List.of() : List.of(why);
        if (results.isEmpty() && problems.isEmpty()) {
            problems = List.of("the guest booted but ran no scenario");
        }
        RunReport report = new RunReport(new RunReport.KernelRef(name, kernel.release() + " " + kernel.version()),
                outcome.accel().name().toLowerCase(Locale.ROOT), order(plan.decided(), ran), problems,
                Duration.ofNanos(System.nanoTime() - started));
        request.listener().kernelFinished(name, why.isEmpty() ? outcome.summary() : why);
        return report;
    }

    /** Why the guest's run as a whole is not to be trusted; empty when it ended well and the probe agreed. */
    private static String guestProblem(GuestOutcome outcome, String probe, String agentError) {
        StringBuilder why = new StringBuilder();
        if (outcome.guestFailed()) {
            why.append("guest ").append(outcome.summary());
            List<String> tail = outcome.consoleTail();
            List<String> last = tail.subList(Math.max(0, tail.size() - CONSOLE_LINES_IN_REPORT), tail.size());
            why.append("\nlast console lines:\n  ").append(String.join("\n  ", last));
            outcome.consoleLog().ifPresent(p -> why.append("\nconsole log: ").append(p));
        } else if (outcome.exitStatus().orElse(-1) == GuestAgent.BROKEN) {
            why.append("the guest agent failed:\n").append(agentError.isBlank() ? "(no agent-error.txt)" : agentError.strip());
        }
        if (probe.startsWith("differs")) {
            if (why.length() > 0) {
                why.append('\n');
            }
            why.append("the guest's probe disagrees with the named profile ").append(":\n")
                    .append(probe.substring("differs\n".length()).strip());
        } else if (probe.isEmpty() && !outcome.guestFailed() && why.length() == 0) {
            why.append("the guest agent wrote no probe result");
        }
        return why.toString();
    }

    /** Results in the order of the request's scenarios, whether decided on the host or run in the guest. */
    private List<ScenarioResult> order(List<ScenarioResult> decided, List<ScenarioResult> ran) {
        Map<String, ScenarioResult> all = new LinkedHashMap<>();
        decided.forEach(r -> all.put(GuestAgent.key(r.file(), r.name()), r));
        ran.forEach(r -> all.put(GuestAgent.key(r.file(), r.name()), r));
        List<ScenarioResult> out = new ArrayList<>();
        for (Runnable s : scenarios) {
            ScenarioResult r = all.get(GuestAgent.key(s.file().shownAs(), s.scenario().name()));
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    /** Every scenario an error for one reason of the kernel (it could not be fetched, the guest could not be prepared). */
    private RunReport whole(List<ScenarioResult> decided, String why, String version, String accel, long started) {
        List<ScenarioResult> out = new ArrayList<>();
        List<String> known = decided.stream().map(r -> GuestAgent.key(r.file(), r.name())).toList();
        for (Runnable s : scenarios) {
            if (!known.contains(GuestAgent.key(s.file().shownAs(), s.scenario().name()))) {
                out.add(new ScenarioResult(s.file().shownAs(), s.scenario().name(), Outcome.ERROR, why, List.of(), List.of(),
                        List.of(), Duration.ZERO));
            }
        }
        request.listener().kernelFinished(name, why);
        return new RunReport(new RunReport.KernelRef(name, version.isEmpty() ? profile.release() : version), accel,
                order(decided, out), List.of(why), Duration.ofNanos(System.nanoTime() - started));
    }

    /** The agent's JVM: this JVM's java and class path, seen read-only through the guest's host root. */
    private static List<String> agentCommand() throws IOException {
        String cp = GuestClasspath.current().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        return List.of(GuestClasspath.java().toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
                "-Xshare:auto", "-Djava.io.tmpdir=/tmp", "-cp", cp, GuestAgent.class.getName());
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a temporary file left in the work directory is harmless
                }
            });
        } catch (IOException e) {
            // the same
        }
    }
}
