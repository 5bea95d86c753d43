package dev.tpc.runtime.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import dev.tpc.api.CompileReport;
import dev.tpc.report.ReportFormat;
import dev.tpc.runtime.TpcRuntime;
import dev.tpc.runtime.host.HostPlans;
import dev.tpc.runtime.libbpf.LibbpfUnavailableException;
import dev.tpc.runtime.plan.LoadPlan;
import dev.tpc.runtime.session.SessionOptions;
import dev.tpc.runtime.session.Templates;
import dev.tpc.runtime.testing.BpfTestSupport;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A policy, written as YAML, loaded into the running kernel the way {@code tpc run} loads it:
 * checked, lowered, encoded, written as a bundle, read back strictly, turned into a load plan and
 * attached, with the exec tracker. Events are printed as Tetragon JSON and read back here.
 */
final class LivePolicy implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_POLLS = 300; // 30 s at most; a test normally needs a few polls
    private static Path profile;

    private final TpcRuntime.Run run;
    private final StringWriter out;
    private final List<JsonNode> events = new ArrayList<>();
    private int consumed;

    private LivePolicy(TpcRuntime.Run run, StringWriter out) {
        this.run = run;
        this.out = out;
    }

    /** Loads {@code yaml} (with every enforcement protected from hitting this JVM). */
    static LivePolicy load(Path dir, String yaml) throws Exception {
        return load(dir, yaml, SessionOptions.THIS_PROCESS);
    }

    static LivePolicy load(Path dir, String yaml, int protectedTgid) throws Exception {
        BpfTestSupport.requireBpf();
        Path policy = dir.resolve("policy-" + System.nanoTime() + ".yaml");
        Files.writeString(policy, yaml, StandardCharsets.UTF_8);
        Path work = Files.createDirectories(dir.resolve("work-" + System.nanoTime()));
        HostPlans.Outcome outcome = HostPlans.prepare(new HostPlans.Request(List.of(policy),
                Optional.of(hostProfile().toString()), work, dir));
        if (!outcome.ready()) {
            String findings = outcome.compile().map(LivePolicy::render).orElse("");
            fail("the test policy does not load: " + outcome.refusal().orElseThrow() + "\n" + findings + "\n" + yaml);
        }
        LoadPlan plan = Templates.combine(outcome.policies().stream().map(HostPlans.Policy::plan).toList());
        StringWriter out = new StringWriter();
        TpcRuntime.Run run = TpcRuntime.run(plan, new TpcRuntime.RunOptions("e2e-node", TpcRuntime.Format.JSON, out,
                Templates.bundled(), protectedTgid));
        return new LivePolicy(run, out);
    }

    private static String render(CompileReport report) {
        return ReportFormat.TEXT.render(report.check(), false);
    }

    /** The running kernel's profile, probed once per test JVM (what `tpc run` does without --target). */
    private static synchronized Path hostProfile() throws IOException, LibbpfUnavailableException {
        if (profile == null) {
            Path p = Files.createTempFile("tpc-e2e-host-", ".yaml");
            p.toFile().deleteOnExit();
            Files.writeString(p, TpcRuntime.probeAsProfile("e2e-host"), StandardCharsets.UTF_8);
            profile = p;
        }
        return profile;
    }

    /**
     * Polls until the exit of process {@code pid} has been reported. The exec tracker posts it
     * after every hook event of that process, so once it is here, every event the process caused
     * is here too: an absent event is absent for good, without a timing race.
     */
    JsonNode awaitExit(int pid) throws Exception {
        for (int polls = 0; polls < MAX_POLLS; polls++) {
            Optional<JsonNode> exit = events("process_exit", pid).stream().findFirst();
            if (exit.isPresent()) {
                return exit.get();
            }
            run.poll(Duration.ofMillis(100));
        }
        return fail("no process_exit for pid " + pid + " in:\n" + out);
    }

    /** Events of one kind ({@code process_tracepoint}, {@code process_exit}, ...) of process {@code pid}, so far. */
    List<JsonNode> events(String kind, int pid) {
        readNewLines();
        List<JsonNode> mine = new ArrayList<>();
        for (JsonNode e : events) {
            JsonNode body = e.get(kind);
            if (body != null && body.path("process").path("pid").asInt() == pid) {
                mine.add(body);
            }
        }
        return mine;
    }

    List<JsonNode> hookEvents(int pid) {
        return events("process_tracepoint", pid);
    }

    /** Polls once more for pending records (used after the JVM itself made the call). */
    void pollOnce() throws Exception {
        run.poll(Duration.ofMillis(100));
    }

    private void readNewLines() {
        String all = out.toString();
        int end = all.lastIndexOf('\n') + 1;
        for (String line : all.substring(consumed, end).split("\n")) {
            if (!line.isBlank()) {
                events.add(JSON.readTree(line));
            }
        }
        consumed = end;
    }

    TpcRuntime.Run run() {
        return run;
    }

    String output() {
        return out.toString();
    }

    @Override
    public void close() {
        run.close();
    }
}
