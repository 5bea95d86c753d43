package dev.tpc.maven;

import dev.tpc.scenario.model.ScenarioFile;
import dev.tpc.scenario.result.RunReport;
import dev.tpc.scenario.result.ScenarioResult;
import dev.tpc.scenario.run.RunListener;
import dev.tpc.scenario.run.RunnerUnavailableException;
import dev.tpc.scenario.run.ScenarioSources;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What the goals that run scenarios share ({@code tpc:test} on the running kernel; a kernel-matrix
 * goal is to follow): the parameters that say which scenarios to run and where reports go, the
 * skip switches Surefire users know, loading the scenario files (their errors fail the build
 * before anything runs), the answer when this machine cannot run them, and the mapping of the
 * core's typed results onto the build log, report files and the build outcome. A subclass says
 * only whether it can run here and how it runs the scenarios.
 *
 * <p>This class and its subclasses are the only ones of the plugin that reach the scenario runner
 * and, through it, the runtime and jnr-ffi; {@code tpc:check} and {@code tpc:compile} never load
 * them (NoNativeCodeTest).
 */
abstract class AbstractScenarioMojo extends AbstractMojo {
    /**
     * Scenario runs in one build take turns: they share the kernel, and the timing of their steps
     * suffers when two run at once ({@code mvn -T}). Held per plugin class loader, which Maven
     * shares between the modules of a build.
     */
    private static final ReentrantLock KERNEL = new ReentrantLock();

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    MojoExecution mojoExecution;

    /**
     * Scenario files ({@code *.tps}) and directories searched recursively for them. Default:
     * {@code src/test/tetragon}. When none is configured and the default directory does not exist,
     * the goal does nothing (with an info message); a configured path that does not exist, or holds
     * no scenario file, fails the build.
     */
    @Parameter(property = "tpc.scenarios")
    List<File> scenarios;

    /** Run only the scenarios whose name matches this glob, e.g. {@code *shadow*}. */
    @Parameter(property = "tpc.filter")
    String filter;

    /**
     * Run every scenario even after one failed, as Surefire runs every test. With {@code false} the
     * scenarios after the first failure are reported skipped, not run.
     */
    @Parameter(property = "tpc.keepGoing", defaultValue = "true")
    boolean keepGoing;

    /** How long a step may take when its scenario says nothing ({@code within}): {@code 10s}, {@code 1m}, {@code 500ms}. */
    @Parameter(property = "tpc.stepTimeout")
    String stepTimeout;

    /** Fail the build when fewer than this percentage of the policies' selectors matched at least once. */
    @Parameter(property = "tpc.minSelectorCoverage")
    Double minSelectorCoverage;

    /**
     * Where the JUnit XML ({@code TEST-tpc-scenarios.xml}) and the text report go: by default where
     * Surefire puts its reports, so that CI servers and IDEs that read those pick the scenarios up.
     */
    @Parameter(property = "tpc.reportsDirectory", defaultValue = "${project.build.directory}/surefire-reports")
    File reportsDirectory;

    /**
     * Fail the build when the scenarios cannot run here (not root, no libbpf, not Linux) instead
     * of skipping them with a warning.
     */
    @Parameter(property = "tpc.failIfCannotRun", defaultValue = "false")
    boolean failIfCannotRun;

    /** Let the build go on when scenarios fail (they are still reported), as Surefire's {@code testFailureIgnore}. */
    @Parameter(property = "maven.test.failure.ignore", defaultValue = "false")
    boolean testFailureIgnore;

    /** Skip every tpc goal. */
    @Parameter(property = "tpc.skip", defaultValue = "false")
    boolean skipTpc;

    /** Skip the tests, Surefire's {@code -DskipTests}: scenarios are tests. */
    @Parameter(property = "skipTests", defaultValue = "false")
    boolean skipTests;

    /** Skip the tests, Surefire's {@code -Dmaven.test.skip}. */
    @Parameter(property = "maven.test.skip", defaultValue = "false")
    boolean mavenTestSkip;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        Optional<String> skippedBy = skippedBy();
        if (skippedBy.isPresent()) {
            getLog().info(goal() + " skipped (" + skippedBy.get() + ")");
            return;
        }
        ScenarioConfiguration raw = ScenarioConfiguration.fromParameters(project.getBasedir(), scenarios, filter, keepGoing,
                stepTimeout, minSelectorCoverage);
        Optional<List<Path>> inputs = ScenarioRequestMapper.scenarioInputs(raw);
        if (inputs.isEmpty()) {
            getLog().info("No scenarios to run: " + ScenarioConfiguration.DEFAULT_SCENARIO_DIRECTORY + " does not exist (set "
                    + PluginParameter.SCENARIOS.element() + " to use other files or directories)");
            return;
        }
        try {
            run(raw, inputs.get());
        } catch (ParameterException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (RuntimeException e) {
            // a bug in tpc, not in the user's scenarios: say so without hiding the cause from -e
            throw new MojoExecutionException(goal() + " failed unexpectedly (a bug in tpc; please report it): " + e, e);
        }
    }

    /** The goal as messages name it: {@code tpc:test}. */
    abstract String goal();

    /** The report files' name: {@code scenarios} gives {@code TEST-tpc-scenarios.xml}. */
    abstract String reportName();

    /** The goal's own skip switch. */
    abstract boolean skip();

    /** The property of the goal's own skip switch ({@code tpc.test.skip}), for messages. */
    abstract String skipProperty();

    /** Why this machine cannot run the scenarios, in one sentence with the way out; empty when it can. */
    abstract Optional<String> whyCannotRun();

    /** Runs the scenarios: one report per kernel they ran on. */
    abstract List<RunReport> runScenarios(ScenarioRequestMapper.Settings settings, List<ScenarioFile> files, Path basedir,
                                          RunListener listener) throws RunnerUnavailableException;

    private Optional<String> skippedBy() {
        if (skip()) {
            return Optional.of(skipProperty());
        }
        if (skipTpc) {
            return Optional.of("tpc.skip");
        }
        if (skipTests) {
            return Optional.of("skipTests");
        }
        return mavenTestSkip ? Optional.of("maven.test.skip") : Optional.empty();
    }

    private void run(ScenarioConfiguration raw, List<Path> inputs)
            throws ParameterException, MojoExecutionException, MojoFailureException {
        ScenarioRequestMapper.Settings settings = ScenarioRequestMapper.settings(raw);
        ScenarioSources.Loaded loaded = ScenarioSources.load(inputs, raw.basedir());
        if (loaded.usageError().isPresent()) {
            if (raw.scenariosConfigured()) {
                throw new ParameterException(PluginParameter.SCENARIOS, loaded.usageError().get());
            }
            getLog().info("No scenarios to run: " + loaded.usageError().get());
            return;
        }
        ScenarioLog out = new ScenarioLog(BuildLog.of(getLog()));
        out.diagnostics(loaded.parsed());
        if (loaded.hasErrors()) {
            List<String> bad = ScenarioLog.filesWithErrors(loaded.parsed());
            throw new MojoFailureException(goal() + ": " + FindingLines.count(bad.size(), "scenario file has", "scenario files have")
                    + " errors, logged above (" + String.join(", ", bad) + "); no scenario was run");
        }
        Optional<String> why = whyCannotRun();
        if (why.isPresent()) {
            cannotRun(why.get(), loaded.files());
            return;
        }
        List<RunReport> runs;
        try {
            runs = exclusively(() -> runScenarios(settings, loaded.files(), raw.basedir(), new RunListener() {
                @Override
                public void scenarioFinished(ScenarioResult result) {
                    out.finished(result);
                }
            }));
        } catch (RunnerUnavailableException e) {
            cannotRun(goal() + " cannot run scenarios here: " + e.getMessage(), loaded.files());
            return;
        }
        conclude(runs, settings, out);
    }

    private void cannotRun(String why, List<ScenarioFile> files) throws MojoFailureException {
        if (failIfCannotRun) {
            throw new MojoFailureException(why + ". The build fails because " + PluginParameter.FAIL_IF_CANNOT_RUN.element()
                    + " is true.");
        }
        long count = files.stream().mapToLong(f -> f.scenarios().size()).sum();
        getLog().warn(why);
        getLog().warn(goal() + " skipped: " + FindingLines.count(count, "scenario", "scenarios") + " not run. Set "
                + PluginParameter.FAIL_IF_CANNOT_RUN.describe() + " to fail the build instead, or -D" + skipProperty()
                + " to skip the scenarios without this warning.");
    }

    private void conclude(List<RunReport> runs, ScenarioRequestMapper.Settings settings, ScenarioLog out)
            throws ParameterException, MojoExecutionException, MojoFailureException {
        long total = runs.stream().mapToLong(r -> r.scenarios().size()).sum();
        if (total == 0 && settings.filter().isPresent()) {
            throw new ParameterException(PluginParameter.FILTER, "no scenario's name matches '" + settings.filter().get() + "'");
        }
        out.report(runs);
        Path directory = reportsDirectory.toPath();
        List<Path> written;
        try {
            written = ScenarioReportFiles.write(runs, directory, ReportFiles.baseName(reportName(), mojoExecution.getExecutionId()));
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write the scenario reports to " + directory + " ("
                    + PluginParameter.REPORTS_DIRECTORY.describe() + "): " + e, e);
        }
        for (Path file : written) {
            getLog().info("Report: " + file);
        }
        List<ScenarioResult> failed = ScenarioLog.failed(runs);
        if (!failed.isEmpty()) {
            String message = goal() + ": " + failed.size() + " of " + FindingLines.count(total, "scenario", "scenarios")
                    + " failed: " + String.join("; ", failed.stream().map(s -> s.file() + ": \"" + s.name() + "\"").toList())
                    + ". The failed expectations are logged above and written to " + written.get(0) + ".";
            if (!testFailureIgnore) {
                throw new MojoFailureException(message);
            }
            getLog().warn(message + " The build goes on because maven.test.failure.ignore is true.");
        }
        if (settings.minCoverage().isPresent()) {
            double wanted = settings.minCoverage().getAsDouble();
            for (RunReport run : runs) {
                double got = run.selectorCoverage().orElse(0);
                if (got + 1e-9 < wanted) {
                    throw new MojoFailureException(goal() + ": on " + run.kernel().name() + " (kernel " + run.kernel().release()
                            + ") " + String.format(Locale.ROOT, "%.1f", got) + " % of the policies' selectors matched at least once,"
                            + " less than " + PluginParameter.MIN_SELECTOR_COVERAGE.element() + " "
                            + String.format(Locale.ROOT, "%.1f", wanted) + " %. The coverage per selector is logged above.");
                }
            }
        }
    }

    /** Runs {@code body} while no other scenario goal of this build runs. */
    private List<RunReport> exclusively(Body body) throws RunnerUnavailableException {
        if (!KERNEL.tryLock()) {
            getLog().info("Waiting for the scenarios of another module to finish (they share the kernel)");
            KERNEL.lock();
        }
        try {
            return body.run();
        } finally {
            KERNEL.unlock();
        }
    }

    @FunctionalInterface
    private interface Body {
        List<RunReport> run() throws RunnerUnavailableException;
    }
}
