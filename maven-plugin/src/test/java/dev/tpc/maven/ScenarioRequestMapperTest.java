package dev.tpc.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.scenario.run.RunListener;
import dev.tpc.scenario.run.RunRequest;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scenario goals' configuration → the runner's request, without a Maven runtime. */
class ScenarioRequestMapperTest {
    @TempDir
    Path basedir;

    private ScenarioConfiguration raw(List<Path> scenarios, String filter, boolean keepGoing, String timeout, Double coverage) {
        return new ScenarioConfiguration(basedir, scenarios, filter, keepGoing, timeout, coverage);
    }

    @Test
    void unsetParametersBecomeEmptyAndPathsAreResolvedAgainstTheBaseDirectory() {
        ScenarioConfiguration unset = ScenarioConfiguration.fromParameters(basedir.toFile(), null, null, true, null, null);
        assertFalse(unset.scenariosConfigured());
        assertEquals(Optional.empty(), unset.filterGlob());

        ScenarioConfiguration set = ScenarioConfiguration.fromParameters(basedir.toFile(),
                List.of(new File("scenarios"), basedir.resolve("abs.tps").toFile()), " *shadow* ", false, "5s", 50.0);
        assertEquals(List.of(basedir.resolve("scenarios"), basedir.resolve("abs.tps")), set.scenarios());
        assertTrue(set.scenariosConfigured());
        assertEquals(Optional.of("*shadow*"), set.filterGlob());
        assertEquals(Optional.empty(), raw(List.of(), "  ", true, null, null).filterGlob());
    }

    @Test
    void theDefaultDirectoryIsUsedWhenItExistsAndAnAbsentOneMeansNothingToDo() throws Exception {
        assertTrue(ScenarioRequestMapper.scenarioInputs(raw(List.of(), null, true, null, null)).isEmpty());
        Files.createDirectories(basedir.resolve("src/test/tetragon"));
        assertEquals(Optional.of(List.of(basedir.resolve("src").resolve("test").resolve("tetragon"))),
                ScenarioRequestMapper.scenarioInputs(raw(List.of(), null, true, null, null)));
    }

    @Test
    void configuredPathsArePassedOnEvenWhenAbsentSoThatTheLoaderRefusesThem() {
        Path missing = basedir.resolve("nowhere");
        assertEquals(Optional.of(List.of(missing)), ScenarioRequestMapper.scenarioInputs(raw(List.of(missing), null, true, null, null)));
    }

    @Test
    void durationsAreReadAsTpcTestReadsThem() throws Exception {
        assertEquals(Optional.of(Duration.ofSeconds(10)), ScenarioRequestMapper.stepTimeout("10s"));
        assertEquals(Optional.of(Duration.ofSeconds(7)), ScenarioRequestMapper.stepTimeout(" 7 "));
        assertEquals(Optional.of(Duration.ofMillis(500)), ScenarioRequestMapper.stepTimeout("500ms"));
        assertEquals(Optional.of(Duration.ofMinutes(2)), ScenarioRequestMapper.stepTimeout("2M"));
        assertEquals(Optional.of(Duration.ofHours(1)), ScenarioRequestMapper.stepTimeout("1h"));
        assertEquals(Optional.of(Duration.ofSeconds(90)), ScenarioRequestMapper.stepTimeout("PT1M30S"));
        assertEquals(Optional.empty(), ScenarioRequestMapper.stepTimeout(null));
        assertEquals(Optional.empty(), ScenarioRequestMapper.stepTimeout(" "));
    }

    @Test
    void aDurationThatCannotBeReadOrMakesNoSenseNamesTheParameter() {
        for (String bad : List.of("ten seconds", "10 s", "-5s", "0", "PT0S", "2d", "25h", "9999999999s")) {
            ParameterException e = assertThrows(ParameterException.class, () -> ScenarioRequestMapper.stepTimeout(bad), bad);
            assertEquals(Optional.of(PluginParameter.STEP_TIMEOUT), e.parameter());
            assertTrue(e.getMessage().startsWith("Invalid <stepTimeout> (-Dtpc.stepTimeout) in the tpc-maven-plugin configuration: "),
                    e.getMessage());
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void theCoverageIsAPercentage() throws Exception {
        assertEquals(OptionalDouble.empty(), ScenarioRequestMapper.minCoverage(null));
        assertEquals(OptionalDouble.of(0), ScenarioRequestMapper.minCoverage(0.0));
        assertEquals(OptionalDouble.of(100), ScenarioRequestMapper.minCoverage(100.0));
        for (Double bad : List.of(-1.0, 100.5, Double.NaN)) {
            ParameterException e = assertThrows(ParameterException.class, () -> ScenarioRequestMapper.minCoverage(bad));
            assertEquals(Optional.of(PluginParameter.MIN_SELECTOR_COVERAGE), e.parameter());
            assertTrue(e.getMessage().contains("a percentage from 0 to 100 is expected, not " + bad), e.getMessage());
        }
    }

    @Test
    void theHostRequestCarriesEverySetting() throws Exception {
        RunListener listener = new RunListener() {
        };
        ScenarioRequestMapper.Settings settings = ScenarioRequestMapper.settings(raw(List.of(), "*shadow*", false, "3s", 80.0));
        assertEquals(OptionalDouble.of(80), settings.minCoverage());
        RunRequest request = ScenarioRequestMapper.hostRequest(settings, List.of(), basedir, listener);
        assertEquals(Optional.of("*shadow*"), request.filter());
        assertFalse(request.keepGoing());
        assertEquals(Duration.ofSeconds(3), request.stepTimeout());
        assertEquals(basedir, request.workingDirectory());
        assertEquals("host", request.kernelName());
        assertEquals(listener, request.listener());

        RunRequest defaults = ScenarioRequestMapper.hostRequest(
                ScenarioRequestMapper.settings(raw(List.of(), null, true, null, null)), List.of(), basedir, listener);
        assertEquals(Optional.empty(), defaults.filter());
        assertTrue(defaults.keepGoing());
        assertEquals(RunRequest.DEFAULT_STEP_TIMEOUT, defaults.stepTimeout());
    }
}
