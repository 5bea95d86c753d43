package dev.tpc.maven;

import dev.tpc.scenario.model.ScenarioFile;
import dev.tpc.scenario.result.RunReport;
import dev.tpc.scenario.run.RunListener;
import dev.tpc.scenario.run.RunnerUnavailableException;
import dev.tpc.scenario.run.ScenarioRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs the scenarios under {@code src/test/tetragon} on the running kernel, as {@code tpc test}
 * does: each scenario's policies are compiled for this kernel and loaded scoped to a cgroup of the
 * scenario's own, its steps run, and its expectations are held against the events, kills and
 * call results that came. Results go to the build log and, as JUnit XML, to
 * {@code target/surefire-reports}; a failed scenario fails the build. A scenario whose policies
 * need what this kernel lacks is reported skipped with the reason. Without root (or libbpf, or
 * on another OS) the goal warns with the reason and runs nothing.
 */
@Mojo(name = "test", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = true)
public class TestMojo extends AbstractScenarioMojo {
    /** Skip this goal ({@code -Dtpc.test.skip}); {@code -Dtpc.skip}, {@code -DskipTests} and {@code -Dmaven.test.skip} skip it too. */
    @Parameter(property = "tpc.test.skip", defaultValue = "false")
    boolean skip;

    @Override
    String goal() {
        return "tpc:test";
    }

    @Override
    String reportName() {
        return "scenarios";
    }

    @Override
    boolean skip() {
        return skip;
    }

    @Override
    String skipProperty() {
        return "tpc.test.skip";
    }

    @Override
    Optional<String> whyCannotRun() {
        return HostPreconditions.whyCannotRun(goal());
    }

    @Override
    List<RunReport> runScenarios(ScenarioRequestMapper.Settings settings, List<ScenarioFile> files, Path basedir,
                                 RunListener listener) throws RunnerUnavailableException {
        return List.of(ScenarioRunner.run(ScenarioRequestMapper.hostRequest(settings, files, basedir, listener)));
    }
}
