package dev.tpc.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.scenario.model.CallArg;
import dev.tpc.scenario.model.Expectation;
import dev.tpc.scenario.model.ModeOverride;
import dev.tpc.scenario.model.Scenario;
import dev.tpc.scenario.model.ScenarioFile;
import dev.tpc.scenario.model.Workload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The valid corpus: each {@code valid/*.tps} parses without a finding, into the model its
 * {@code .model} golden spells out (every field, spans included).
 */
class ValidScenariosTest {
    private static final Path DIR = RepoRoot.corpus().resolve("valid");

    static ParsedScenarios parse(Path file) {
        return Scenarios.parse(ParseRequest.of(file).withShownAs(file.getFileName().toString()));
    }

    @TestFactory
    Stream<DynamicTest> everyValidFileRoundTripsIntoItsModel() {
        List<Path> files = Goldens.list(DIR, ".tps");
        assertFalse(files.isEmpty(), "no valid scenario files in " + DIR);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            ParsedScenarios r = parse(f);
            assertEquals("", r.renderText(false), "findings in a valid file");
            assertTrue(r.file().isPresent());
            String name = f.getFileName().toString().replaceAll("\\.tps$", ".model");
            Goldens.check(f.resolveSibling(name), ModelDump.of(r.file().get(), DIR));
        }));
    }

    /** A few facts checked on the records themselves, so that the dump cannot hide a wrong model. */
    @Test
    void theModelHoldsWhatTheFileSays() {
        ScenarioFile f = parse(DIR.resolve("everything.tps")).file().orElseThrow();
        assertEquals(DIR.resolve("everything.tps").toAbsolutePath().normalize(), f.path());
        Scenario killed = f.scenarios().get(0);
        assertEquals(Optional.of(ModeOverride.ENFORCE), killed.mode());
        assertEquals(DIR.resolveSibling("policies/kill-cat-reading-shadow.yaml").toAbsolutePath().normalize(),
                killed.policies().get(0).path(), "a policy path is absolute and normalised");
        byte[] expected = "top secret\n\0?".getBytes(StandardCharsets.US_ASCII);
        expected[expected.length - 1] = (byte) 0xff;
        assertArrayEquals(expected, killed.setup().files().get(0).content(), "\\xff is one byte, not the UTF-8 of U+00FF");
        assertEquals(0600, killed.setup().files().get(0).mode());
        assertEquals(0644, killed.setup().files().get(1).mode(), "the default mode");
        assertEquals(Optional.of(65534), killed.setup().user().orElseThrow().id());
        assertEquals(Optional.empty(), killed.setup().group().orElseThrow().id());
        assertTrue(killed.steps().get(0).expectations().get(0) instanceof Expectation.Killed k && k.number() == 9);

        Scenario calls = f.scenarios().get(1);
        assertTrue(calls.policies().get(1).isBundle());
        Workload.Calls w = (Workload.Calls) calls.steps().get(0).workload();
        Workload.Call open = w.calls().get(0);
        assertEquals(257, open.number(), "openat on x86_64");
        assertEquals(Optional.of("fd"), open.bindsAs());
        assertEquals(new CallArg.Int(-100, "AT_FDCWD", open.args().get(0).span()), open.args().get(0));
        assertEquals(0x80000L, ((CallArg.Int) open.args().get(2)).value(), "O_RDONLY|O_CLOEXEC");
        assertEquals(0644L, ((CallArg.Int) open.args().get(3)).value(), "0o644");
        assertTrue(w.calls().get(1).args().get(0) instanceof CallArg.Ref r && r.name().equals("fd"));
        assertTrue(w.calls().get(6).args().get(0) instanceof CallArg.OwnPid);
        assertEquals(3, ((CallArg.Bytes) w.calls().get(3).args().get(1)).data().length);
    }

    @Test
    void callsAreNumberedForTheRequestedArchitectureUnlessTheScenarioSaysArch() {
        ParsedScenarios r = Scenarios.parse(ParseRequest.of(DIR.resolve("minimal.tps"))
                .withText("policy \"../policies/setuid-root-signal.yaml\"\n"
                        + "scenario \"a\" { step \"s\" { call setuid(0) expect ok } }\n"
                        + "scenario \"b\" { arch x86_64 step \"s\" { call setuid(0) expect ok } }\n")
                .withArch(dev.tpc.target.Arch.ARM64));
        assertEquals("", r.renderText(false));
        List<Scenario> s = r.file().orElseThrow().scenarios();
        assertEquals(146, ((Workload.Calls) s.get(0).steps().get(0).workload()).calls().get(0).number(), "setuid on arm64");
        assertEquals(105, ((Workload.Calls) s.get(1).steps().get(0).workload()).calls().get(0).number(), "setuid on x86_64");
    }
}
