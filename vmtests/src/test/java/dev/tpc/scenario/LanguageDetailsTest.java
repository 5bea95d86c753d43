package dev.tpc.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.diag.Diagnostic;
import dev.tpc.scenario.model.CallArg;
import dev.tpc.scenario.model.Step;
import dev.tpc.scenario.model.Workload;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Literals, columns and the words of syntax errors, one fact at a time. */
class LanguageDetailsTest {
    private static final Path FILE = RepoRoot.corpus().resolve("valid/details.tps");
    private static final String POLICY = "policy \"../policies/setuid-root-signal.yaml\"\n";

    private static ParsedScenarios parse(String text) {
        return Scenarios.parse(ParseRequest.of(FILE).withShownAs("details.tps").withText(text));
    }

    /** One step of calls, its body as given. */
    private static Step step(String body) {
        ParsedScenarios r = parse(POLICY + "scenario \"s\" { step \"t\" {\n" + body + "\n} }\n");
        assertEquals("", r.renderText(false));
        return r.file().orElseThrow().scenarios().get(0).steps().get(0);
    }

    private static List<String> codes(String text) {
        return parse(text).diagnostics().stream().map(Diagnostic::code).toList();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "42; 42", "0x2A; 42", "0X2a; 42", "0o52; 42", "052; 42", "0b101010; 42", "1_000; 1000", "-1; -1", "0; 0",
        "-0x10; -16", "18446744073709551615; -1", "-9223372036854775808; -9223372036854775808", "0xffff_ffff_ffff_ffff; -1"})
    void numbersInEveryBase(String written, long value) {
        Step s = step("call setuid(" + written + ") expect ok");
        CallArg.Int arg = (CallArg.Int) ((Workload.Calls) s.workload()).calls().get(0).args().get(0);
        assertEquals(value, arg.value(), written);
        assertEquals(written, arg.written());
    }

    @ParameterizedTest
    @CsvSource({"0x_ff", "1__0", "1_", "08", "0b102", "18446744073709551616", "-9223372036854775809", "12abc", "10s"})
    void malformedOrTooLargeNumbers(String written) {
        assertEquals(List.of("TS1006"), codes(POLICY + "scenario \"s\" { step \"t\" { call setuid(" + written + ") expect ok } }"), written);
    }

    @Test
    void stringEscapesGiveTheirBytes() {
        Step s = step("call write(1, \"a\\n\\t\\r\\0\\\\\\\"\\x41\\xff\u00e9\", 12) expect ok");
        byte[] data = ((CallArg.Bytes) ((Workload.Calls) s.workload()).calls().get(0).args().get(1)).data();
        assertArrayEquals(new byte[] {'a', '\n', '\t', '\r', 0, '\\', '"', 'A', (byte) 0xff, (byte) 0xc3, (byte) 0xa9}, data);
    }

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "10s, PT10S", "2m, PT2M", "1h, PT1H", "1_000ms, PT1S"})
    void durations(String written, String iso) {
        Step s = step("run \"/bin/true\" expect exit 0 within " + written);
        assertEquals(Optional.of(Duration.parse(iso)), s.within());
    }

    @ParameterizedTest
    @CsvSource({"0s", "61m", "2h", "10", "5d", "1.5s"})
    void badDurations(String written) {
        List<String> c = codes(POLICY + "scenario \"s\" { step \"t\" { run \"/bin/true\" expect exit 0 within " + written + " } }");
        assertTrue(c.equals(List.of("TS1006")) || c.equals(List.of("TS0001")), written + ": " + c);
    }

    @Test
    void columnsCountCodePoints() {
        // the emoji is two UTF-16 units but one column, as in the spans of policies
        ParsedScenarios r = parse(POLICY + "scenario \"\ud83d\ude00\" { step \"t\" { run \"/bin/true\" expect exit 0 } } @");
        Diagnostic d = r.diagnostics().get(0);
        assertEquals("TS0001", d.code());
        assertEquals(2, d.span().line());
        assertEquals(61, d.span().column(), r.renderText(false));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "call (|expected <syscall>, found '('",
        "call fd = |expected <syscall>, found '}'",
        "run \"/bin/true\" expect event {|expected <event kind>, found '{'",
        "run \"/bin/true\" expect event process_exec { process. }|expected <field>, found '}'",
        "run \"/bin/true\" expect killed 9|expected <signal>, found the number 9",
        "run \"/bin/true\" expect|expected one of 'ok', 'errno', 'returns', 'exit', 'killed', 'no', 'event', found '}'",
        "call read(1, buffer 3|expected '(', found the number 3"})
    void syntaxErrorsNameWhatWasExpected(String body, String message) {
        ParsedScenarios r = parse(POLICY + "scenario \"s\" { step \"t\" { " + body + " } }");
        assertEquals(1, r.diagnostics().size(), r.renderText(false));
        assertEquals(message, r.diagnostics().get(0).message());
    }
}
