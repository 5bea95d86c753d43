package dev.tpc.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.diag.Diagnostic;
import dev.tpc.diag.Severity;
import dev.tpc.diag.SourceSpan;
import dev.tpc.yaml.SourceText;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnosticTextTest {
    private static final SourceText SOURCE = new SourceText("s.tps", List.of("scenario \"x\" {", "  call opnat()", "}"));

    @Test
    void rendersTheLineAndACaretUnderTheSpan() {
        Diagnostic d = new Diagnostic("TS1001", Severity.ERROR, "unknown system call \"opnat\"", "did you mean \"openat\"?",
                new SourceSpan("s.tps", 2, 8, 2, 13), List.of());
        assertEquals("""
                error[TS1001]: unknown system call "opnat"
                 --> s.tps:2:8
                  |
                2 |   call opnat()
                  |        ^^^^^
                  = hint: did you mean "openat"?

                """, DiagnosticText.render(d, SOURCE, false));
    }

    @Test
    void aFindingAboutTheWholeFileHasNoSnippetAndColourIsOptional() {
        Diagnostic d = new Diagnostic("TS0002", Severity.WARNING, "binary", null, SourceSpan.wholeFile("s.tps"), List.of());
        assertEquals("warning[TS0002]: binary\n  --> s.tps\n\n", DiagnosticText.render(d, SOURCE, false));
        String colored = DiagnosticText.render(d, SOURCE, true);
        assertTrue(colored.startsWith("\u001b[1;33mwarning[TS0002]\u001b[0m: binary"), colored);
    }
}
