package dev.tpc.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.scenario.model.Scenario;
import dev.tpc.scenario.model.ScenarioFile;
import dev.tpc.scenario.result.ExpectationResult;
import dev.tpc.scenario.result.Outcome;
import dev.tpc.scenario.result.RunReport;
import dev.tpc.scenario.result.ScenarioResult;
import dev.tpc.scenario.result.SelectorCoverage;
import dev.tpc.scenario.result.StepResult;
import dev.tpc.scenario.run.RunListener;
import dev.tpc.scenario.run.RunnerUnavailableException;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a scenario goal does with its configuration and with the runner's typed results: skip
 * switches, missing and broken scenario files, a machine that cannot run them, failures, the
 * coverage threshold, report files. The scenario files are real (parsed by the core); the runner
 * is replaced by results given here, so that every outcome can be had without root. The real runs
 * are the invoker ITs' (maven-demo, test-fails, test-cannot-run).
 */
class ScenarioGoalTest {
    private static final String POLICY = "apiVersion: cilium.io/v1alpha1\nkind: TracingPolicy\nmetadata:\n  name: shadow\n"
            + "spec:\n  tracepoints:\n  - subsystem: \"syscalls\"\n    event: \"sys_enter_openat\"\n    args:\n"
            + "    - index: 6\n      type: \"string\"\n";
    private static final String SCENARIOS = "policy \"../../main/tetragon/shadow.yaml\"\n"
            + "scenario \"first\" {\n  step \"cat\" {\n    run \"/usr/bin/cat\" \"/etc/hostname\"\n    expect exit 0\n  }\n}\n"
            + "scenario \"second\" {\n  step \"cat\" {\n    run \"/usr/bin/cat\" \"/etc/hostname\"\n    expect exit 0\n  }\n}\n";

    @TempDir
    Path basedir;

    /** A goal whose runner answers with outcomes given by the test, recording what it was asked. */
    static final class FakeGoal extends AbstractScenarioMojo {
        boolean skip;
        Optional<String> cannotRun = Optional.empty();
        RunnerUnavailableException unavailable;
        Map<String, Outcome> outcomes = Map.of();
        List<Long> selectorHits = List.of(1L);
        final List<String> ran = new ArrayList<>();
        ScenarioRequestMapper.Settings settings;

        @Override String goal() { return "tpc:fake"; }
        @Override String reportName() { return "scenarios"; }
        @Override boolean skip() { return skip; }
        @Override String skipProperty() { return "tpc.fake.skip"; }
        @Override Optional<String> whyCannotRun() { return cannotRun; }

        @Override
        List<RunReport> runScenarios(ScenarioRequestMapper.Settings settings, List<ScenarioFile> files, Path basedir,
                                     RunListener listener) throws RunnerUnavailableException {
            this.settings = settings;
            if (unavailable != null) {
                throw unavailable;
            }
            List<ScenarioResult> results = new ArrayList<>();
            for (ScenarioFile f : files) {
                for (Scenario s : f.scenarios()) {
                    if (settings.filter().isPresent() && !s.name().equals(settings.filter().get())) {
                        continue;
                    }
                    ran.add(f.shownAs() + ": " + s.name());
                    ScenarioResult r = result(f.shownAs(), s.name(), outcomes.getOrDefault(s.name(), Outcome.PASSED), selectorHits);
                    listener.scenarioFinished(r);
                    results.add(r);
                }
            }
            return List.of(new RunReport(new RunReport.KernelRef("host", "6.1.0-test"), "host", results, Duration.ofMillis(1500)));
        }
    }

    /** Lines as Maven would print them. */
    static final class RecordingLog extends SystemStreamLog {
        final List<String> lines = new ArrayList<>();
        @Override public void info(CharSequence content) { lines.add("[INFO] " + content); }
        @Override public void warn(CharSequence content) { lines.add("[WARNING] " + content); }
        @Override public void error(CharSequence content) { lines.add("[ERROR] " + content); }

        String text() {
            return String.join("\n", lines);
        }
    }

    private FakeGoal goal;
    private RecordingLog log;

    @BeforeEach
    void project() throws Exception {
        Files.createDirectories(basedir.resolve("src/main/tetragon"));
        Files.writeString(basedir.resolve("src/main/tetragon/shadow.yaml"), POLICY, StandardCharsets.UTF_8);
        goal = new FakeGoal();
        MavenProject project = new MavenProject();
        project.setFile(basedir.resolve("pom.xml").toFile());
        goal.project = project;
        goal.mojoExecution = new MojoExecution(new MojoDescriptor(), "default-test");
        goal.keepGoing = true;
        goal.reportsDirectory = basedir.resolve("target/surefire-reports").toFile();
        log = new RecordingLog();
        goal.setLog(log);
    }

    private void scenarios(String text) throws Exception {
        Files.createDirectories(basedir.resolve("src/test/tetragon"));
        Files.writeString(basedir.resolve("src/test/tetragon/opens.tps"), text, StandardCharsets.UTF_8);
    }

    private Path junit() {
        return basedir.resolve("target/surefire-reports/TEST-tpc-scenarios.xml");
    }

    static ScenarioResult result(String file, String name, Outcome outcome, List<Long> hits) {
        boolean failed = outcome == Outcome.FAILED;
        StepResult step = new StepResult("cat", outcome, "exited with status 0", 42,
                List.of(new ExpectationResult("expect exit 1", !failed, failed ? "exited with status 0" : "", 5)),
                List.of("{\"process_exit\":{}}"), "", "", Duration.ofMillis(300));
        return switch (outcome) {
            case SKIPPED -> ScenarioResult.skipped(file, name, "kprobes: the kernel has none");
            case ERROR -> new ScenarioResult(file, name, outcome, "the policy does not load: EPERM", List.of(), List.of(), List.of(),
                    Duration.ofMillis(200));
            default -> new ScenarioResult(file, name, outcome, "", List.of(step),
                    List.of(new SelectorCoverage("shadow", "syscalls/sys_enter_openat", hits, 3)), List.of(), Duration.ofMillis(400));
        };
    }

    @Test
    void passingScenariosWriteTheReportsAndLogTheTable() throws Exception {
        scenarios(SCENARIOS);
        goal.execute();
        assertEquals(List.of("src/test/tetragon/opens.tps: first", "src/test/tetragon/opens.tps: second"), goal.ran);
        assertTrue(log.lines.contains("[INFO] passed  src/test/tetragon/opens.tps: first (0.4 s)"), log.text());
        assertTrue(log.lines.contains("[INFO] summary: 2 passed, 0 failed, 0 skipped, 0 errors in 1.5 s"), log.text());
        assertTrue(log.lines.contains("[INFO] Report: " + junit()), log.text());
        String xml = Files.readString(junit());
        assertTrue(xml.contains("<testcase classname=\"src/test/tetragon/opens.tps\" name=\"first\""), xml);
        assertTrue(Files.readString(basedir.resolve("target/surefire-reports/tpc-scenarios.txt"))
                .contains("summary: 2 passed, 0 failed"));
    }

    @Test
    void aNamedExecutionGetsReportsOfItsOwn() throws Exception {
        scenarios(SCENARIOS);
        goal.mojoExecution = new MojoExecution(new MojoDescriptor(), "smoke");
        goal.execute();
        assertTrue(Files.isRegularFile(basedir.resolve("target/surefire-reports/TEST-tpc-scenarios-smoke.xml")));
        assertFalse(Files.exists(junit()));
    }

    @Test
    void aFailedScenarioFailsTheBuildWithItsName() throws Exception {
        scenarios(SCENARIOS);
        goal.outcomes = Map.of("first", Outcome.FAILED, "second", Outcome.ERROR);
        MojoFailureException e = assertThrows(MojoFailureException.class, goal::execute);
        assertEquals("tpc:fake: 2 of 2 scenarios failed: src/test/tetragon/opens.tps: \"first\"; src/test/tetragon/opens.tps: "
                + "\"second\". The failed expectations are logged above and written to " + junit() + ".", e.getMessage());
        assertTrue(log.lines.contains("[ERROR] failed  src/test/tetragon/opens.tps: first (0.4 s)"), log.text());
        assertTrue(log.lines.contains("[ERROR]   src/test/tetragon/opens.tps: first: step \"cat\": expect exit 1 (line 5): "
                + "exited with status 0"), log.text());
        assertTrue(log.lines.contains("[ERROR]   src/test/tetragon/opens.tps: second: the policy does not load: EPERM"), log.text());
        // written before the build fails, so that CI shows the failure
        String xml = Files.readString(junit());
        assertTrue(xml.contains("failures=\"1\"") && xml.contains("errors=\"1\""), xml);
    }

    @Test
    void testFailureIgnoreReportsTheFailureAndLetsTheBuildGoOn() throws Exception {
        scenarios(SCENARIOS);
        goal.outcomes = Map.of("second", Outcome.FAILED);
        goal.testFailureIgnore = true;
        goal.execute();
        assertTrue(log.text().contains("[WARNING] tpc:fake: 1 of 2 scenarios failed: src/test/tetragon/opens.tps: \"second\"."), log.text());
        assertTrue(log.text().contains("The build goes on because maven.test.failure.ignore is true."), log.text());
    }

    @Test
    void skippedScenariosDoNotFailTheBuild() throws Exception {
        scenarios(SCENARIOS);
        goal.outcomes = Map.of("first", Outcome.SKIPPED, "second", Outcome.SKIPPED);
        goal.execute();
        assertTrue(log.lines.contains("[INFO] skipped  src/test/tetragon/opens.tps: first (kprobes: the kernel has none)"), log.text());
    }

    @Test
    void everySkipSwitchSkipsWithoutLookingAtTheScenarios() throws Exception {
        scenarios("this is not a scenario file");
        List<String> expected = List.of("tpc.fake.skip", "tpc.skip", "skipTests", "maven.test.skip");
        for (String which : expected) {
            project();
            scenarios("this is not a scenario file");
            goal.skip = which.equals("tpc.fake.skip");
            goal.skipTpc = which.equals("tpc.skip");
            goal.skipTests = which.equals("skipTests");
            goal.mavenTestSkip = which.equals("maven.test.skip");
            goal.execute();
            assertEquals(List.of("[INFO] tpc:fake skipped (" + which + ")"), log.lines);
            assertEquals(List.of(), goal.ran);
        }
    }

    @Test
    void withoutScenariosTheGoalSaysSoAndDoesNothing() throws Exception {
        goal.execute();
        assertEquals(List.of("[INFO] No scenarios to run: src/test/tetragon does not exist (set <scenarios> to use other files or"
                + " directories)"), log.lines);

        Files.createDirectories(basedir.resolve("src/test/tetragon"));
        log.lines.clear();
        goal.execute();
        assertEquals(1, log.lines.size(), log.text());
        assertTrue(log.lines.get(0).startsWith("[INFO] No scenarios to run: no scenario file (*.tps) in "), log.text());
        assertFalse(Files.exists(junit()));
    }

    @Test
    void aConfiguredPathThatDoesNotExistOrHoldsNoScenarioFailsNamingTheParameter() throws Exception {
        goal.scenarios = List.of(new File("src/test/scenarios"));
        MojoExecutionException e = assertThrows(MojoExecutionException.class, goal::execute);
        assertTrue(e.getMessage().startsWith("Invalid <scenarios> (-Dtpc.scenarios) in the tpc-maven-plugin configuration: "
                + "no such file or directory: "), e.getMessage());

        Files.createDirectories(basedir.resolve("src/test/scenarios"));
        e = assertThrows(MojoExecutionException.class, goal::execute);
        assertTrue(e.getMessage().contains("no scenario file (*.tps) in "), e.getMessage());
    }

    @Test
    void aScenarioFileWithAnErrorFailsTheBuildBeforeAnythingRuns() throws Exception {
        scenarios(SCENARIOS.replace("expect exit 0\n  }\n}\nscenario", "expcet exit 0\n  }\n}\nscenario"));
        goal.cannotRun = Optional.of("tpc:fake needs root"); // the findings come first: they need no privileges
        MojoFailureException e = assertThrows(MojoFailureException.class, goal::execute);
        assertEquals("tpc:fake: 1 scenario file has errors, logged above (src/test/tetragon/opens.tps); no scenario was run",
                e.getMessage());
        assertTrue(log.lines.contains("[ERROR]  --> src/test/tetragon/opens.tps:5:5"), log.text());
        assertTrue(log.lines.contains("[ERROR]   = hint: did you mean \"expect\"?"), log.text());
        assertEquals(List.of(), goal.ran);
    }

    @Test
    void whereTheScenariosCannotRunTheGoalWarnsAndIsSkippedUnlessToldToFail() throws Exception {
        scenarios(SCENARIOS);
        goal.cannotRun = Optional.of("tpc:fake needs root to load BPF programs: no capabilities");
        goal.execute();
        assertEquals(List.of("[WARNING] tpc:fake needs root to load BPF programs: no capabilities",
                "[WARNING] tpc:fake skipped: 2 scenarios not run. Set <failIfCannotRun> (-Dtpc.failIfCannotRun) to fail the build"
                        + " instead, or -Dtpc.fake.skip to skip the scenarios without this warning."), log.lines);
        assertEquals(List.of(), goal.ran);
        assertFalse(Files.exists(junit()));

        goal.failIfCannotRun = true;
        MojoFailureException e = assertThrows(MojoFailureException.class, goal::execute);
        assertEquals("tpc:fake needs root to load BPF programs: no capabilities. The build fails because <failIfCannotRun> is true.",
                e.getMessage());
    }

    @Test
    void aRunnerThatTurnsOutUnavailableIsTreatedLikeAMachineThatCannotRun() throws Exception {
        scenarios(SCENARIOS);
        goal.unavailable = new RunnerUnavailableException("cannot load tpc's exec tracker: EPERM");
        goal.execute();
        assertTrue(log.lines.contains("[WARNING] tpc:fake cannot run scenarios here: cannot load tpc's exec tracker: EPERM"), log.text());
    }

    @Test
    void aFilterThatMatchesNothingIsAConfigurationMistake() throws Exception {
        scenarios(SCENARIOS);
        goal.filter = "second";
        goal.execute();
        assertEquals(List.of("src/test/tetragon/opens.tps: second"), goal.ran);

        goal.filter = "third";
        MojoExecutionException e = assertThrows(MojoExecutionException.class, goal::execute);
        assertEquals("Invalid <filter> (-Dtpc.filter) in the tpc-maven-plugin configuration: no scenario's name matches 'third'",
                e.getMessage());
    }

    @Test
    void coverageBelowTheMinimumFailsTheBuild() throws Exception {
        scenarios(SCENARIOS);
        goal.selectorHits = List.of(3L, 0L);
        goal.minSelectorCoverage = 50.0;
        goal.execute(); // 1 of 2 selectors: 50 %

        goal.minSelectorCoverage = 75.0;
        MojoFailureException e = assertThrows(MojoFailureException.class, goal::execute);
        assertEquals("tpc:fake: on host (kernel 6.1.0-test) 50.0 % of the policies' selectors matched at least once, less than"
                + " <minSelectorCoverage> 75.0 %. The coverage per selector is logged above.", e.getMessage());
    }

    @Test
    void settingsReachTheRunnerAndBadOnesNameTheirParameter() throws Exception {
        scenarios(SCENARIOS);
        goal.keepGoing = false;
        goal.stepTimeout = "3s";
        goal.execute();
        assertFalse(goal.settings.keepGoing());
        assertEquals(Optional.of(Duration.ofSeconds(3)), goal.settings.stepTimeout());

        goal.stepTimeout = "soon";
        MojoExecutionException e = assertThrows(MojoExecutionException.class, goal::execute);
        assertTrue(e.getMessage().startsWith("Invalid <stepTimeout> (-Dtpc.stepTimeout)"), e.getMessage());
    }
}
