package dev.tpc.scenario.matrix;

import dev.tpc.runtime.TpcRuntime;
import dev.tpc.runtime.probe.ProbeReport;
import dev.tpc.runtime.probe.ProfileWriter;
import dev.tpc.scenario.ParseRequest;
import dev.tpc.scenario.ParsedScenarios;
import dev.tpc.scenario.Scenarios;
import dev.tpc.scenario.model.Scenario;
import dev.tpc.scenario.model.ScenarioFile;
import dev.tpc.scenario.result.ResultCodec;
import dev.tpc.scenario.result.RunReport;
import dev.tpc.scenario.result.ScenarioResult;
import dev.tpc.scenario.run.RunListener;
import dev.tpc.scenario.run.RunRequest;
import dev.tpc.scenario.run.ScenarioRunner;
import dev.tpc.target.TargetProfile;
import dev.tpc.target.TargetProfiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The agent inside a guest: the same runner as {@code tpc test}, with the host's request. It probes
 * the kernel and writes how the probe compares with the named profile ({@code probe.txt}), then
 * runs the scenarios one after another, writing {@code started-N} before and {@code result-N.json}
 * after each, so that the host learns of every result as it comes and of a scenario during which
 * the guest died.
 *
 * <p>Exit status: 0 ran everything asked (whatever the results), 3 the probe disagrees with the
 * profile (the scenarios were still run), 4 the agent itself failed ({@code agent-error.txt}).
 */
public final class GuestAgent {
    static final String PROBE = "probe.txt";
    static final String ERROR = "agent-error.txt";
    static final String TIMINGS = "timings.txt";
    static final int PROFILE_MISMATCH = 3;
    static final int BROKEN = 4;

    private GuestAgent() {
    }

    public static void main(String[] args) {
        String xfer = System.getenv("TPC_XFER");
        if (xfer == null || xfer.isBlank()) {
            System.err.println("tpc guest agent: TPC_XFER is not set; this runs inside a tpc vmtest guest only");
            System.exit(BROKEN);
        }
        Path dir = Path.of(xfer);
        int status;
        try {
            status = run(dir);
        } catch (Exception | Error e) {
            StringWriter sw = new StringWriter();
            e.printStackTrace(new PrintWriter(sw));
            try {
                write(dir, ERROR, sw.toString());
            } catch (IOException ignored) {
                // the host reports a guest that ended without results
            }
            System.err.println("tpc guest agent: " + e);
            status = BROKEN;
        }
        System.exit(status);
    }

    static int run(Path dir) throws Exception {
        long t0 = System.nanoTime();
        long jvmStart = ManagementFactory.getRuntimeMXBean().getUptime();
        AgentRequest request = AgentRequest.read(Files.readString(dir.resolve(AgentRequest.FILE), StandardCharsets.UTF_8));
        ProbeReport probe = TpcRuntime.probe();
        TargetProfile profile = TargetProfiles.named(request.profile())
                .orElseThrow(() -> new IllegalArgumentException("no named profile " + request.profile()));
        List<ProfileCheck.Difference> differences = ProfileCheck.compare(probe, profile);
        StringBuilder probeText = new StringBuilder(differences.isEmpty() ? "agrees\n" : "differs\n");
        differences.forEach(d -> probeText.append(d.describe()).append('\n'));
        probeText.append("--- probed profile of ").append(probe.release()).append('\n')
                .append(ProfileWriter.write(probe, request.profile()));
        write(dir, PROBE, probeText.toString());
        long probed = System.nanoTime();

        Map<String, Integer> indexes = new HashMap<>();
        List<ScenarioFile> files = select(request, indexes);
        Map<Path, List<Path>> bundles = new LinkedHashMap<>();
        request.bundles().forEach((policy, names) -> bundles.put(Path.of(policy),
                names.stream().map(dir::resolve).toList()));
        RunRequest base = RunRequest.host(files, Path.of("/"));
        RunRequest run = new RunRequest(files, Optional.empty(), true, request.kernel(), bundles, Path.of("/tmp"),
                Path.of("/"), Duration.ofMillis(request.stepTimeoutMillis()), base.exitBarrier(), request.timeScale(),
                "tpc-vmtest-" + request.kernel(), new RunListener() {
                    @Override
                    public void scenarioStarted(ScenarioFile file, Scenario scenario) {
                        quietly(dir, "started-" + indexes.get(key(file.shownAs(), scenario.name())), "");
                    }

                    @Override
                    public void scenarioFinished(ScenarioResult result) {
                        quietly(dir, "result-" + indexes.get(key(result.file(), result.name())) + ".json",
                                ResultCodec.write(result));
                    }
                });
        RunReport report = ScenarioRunner.run(run, probe);
        long done = System.nanoTime();
        write(dir, TIMINGS, String.format(Locale.ROOT, "JVM start to main %d ms, probe %d ms, runner %d ms (%d scenarios)%n",
                jvmStart, (probed - t0) / 1_000_000, (done - probed) / 1_000_000, report.scenarios().size()));
        return differences.isEmpty() ? 0 : PROFILE_MISMATCH;
    }

    /** The scenarios the host asked for, parsed here from the host's files (read-only in the guest). */
    private static List<ScenarioFile> select(AgentRequest request, Map<String, Integer> indexes) {
        Map<String, List<AgentRequest.Item>> byFile = new LinkedHashMap<>();
        for (AgentRequest.Item i : request.scenarios()) {
            byFile.computeIfAbsent(i.file(), f -> new ArrayList<>()).add(i);
            indexes.put(key(i.shownAs(), i.name()), i.index());
        }
        List<ScenarioFile> out = new ArrayList<>();
        for (Map.Entry<String, List<AgentRequest.Item>> e : byFile.entrySet()) {
            String shownAs = e.getValue().get(0).shownAs();
            ParsedScenarios parsed = Scenarios.parse(ParseRequest.of(Path.of(e.getKey())).withShownAs(shownAs));
            ScenarioFile file = parsed.file().orElseThrow(() -> new IllegalStateException(
                    "the scenario file " + e.getKey() + " does not parse in the guest:\n" + parsed.renderText(false)));
            List<String> wanted = e.getValue().stream().map(AgentRequest.Item::name).toList();
            List<Scenario> kept = file.scenarios().stream().filter(s -> wanted.contains(s.name())).toList();
            out.add(new ScenarioFile(file.path(), shownAs, kept));
        }
        return out;
    }

    static String key(String file, String name) {
        return file + "\u0000" + name;
    }

    private static void quietly(Path dir, String name, String content) {
        try {
            write(dir, name, content);
        } catch (IOException e) {
            System.err.println("tpc guest agent: cannot write " + name + ": " + e.getMessage());
        }
    }

    /** Written under a hidden name, synced, then renamed: the host never reads half a record. */
    static void write(Path dir, String name, String content) throws IOException {
        Path tmp = dir.resolve(".tmp-" + name);
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
}
