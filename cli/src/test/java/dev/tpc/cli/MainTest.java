package dev.tpc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.cli.InProcess.Run;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The command with the core verbs only: this module's class path has no verb provider, as tpc-cli alone. */
class MainTest {
    @Test
    void theVerbIsTheFirstArgumentThatIsNotAnOption() {
        assertEquals(Optional.of("check"), Main.firstVerb("check", "-o", "x"));
        assertEquals(Optional.of("run"), Main.firstVerb("--help", "run"));
        assertEquals(Optional.empty(), Main.firstVerb("-V"));
        assertEquals(Optional.empty(), Main.firstVerb());
    }

    @Test
    void theUsageListsTheCoreVerbs() {
        Run help = run("--help");
        for (String verb : new String[] {"check", "compile", "explain", "rules", "help"}) {
            assertTrue(help.out().lines().anyMatch(l -> l.startsWith("  " + verb + " ")), verb + " in\n" + help.out());
        }
        assertFalse(help.out().lines().anyMatch(l -> l.startsWith("  run ")), help.out());
    }

    @Test
    void aVerbFromAMissingModuleIsAUsageMistakeThatSaysWhereItComesFrom() {
        Run r = run("run", "p.yaml");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("'run'"), r.err());
        assertTrue(r.err().contains("come with tpc-cli-runtime, which is not on the class path"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void anUnknownVerbIsAUsageMistake() {
        Run r = run("chekc", "p.yaml");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("'chekc'"), r.err());
    }

    private static Run run(String... args) {
        return InProcess.run(args);
    }
}
