package dev.tpc.scenario.lang;

import dev.tpc.diag.Diagnostic;
import dev.tpc.diag.SourceSpan;
import dev.tpc.scenario.diag.ScenarioRule;
import dev.tpc.scenario.model.ScenarioFile;
import dev.tpc.target.Arch;
import dev.tpc.yaml.SourceText;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.atn.PredictionMode;

/**
 * Reads one scenario file: bytes (size, binary, UTF-8), tokens and parse tree (ANTLR, first
 * syntax error only), then the model with its semantic checks ({@link ModelBuilder}).
 */
public final class TpsFrontEnd {
    private TpsFrontEnd() {}

    /** What the front end found: the model when no finding is an error. */
    public record Result(Optional<ScenarioFile> file, List<Diagnostic> diagnostics, SourceText source) {
    }

    public static Result parse(Path file, String shownAs, Optional<String> givenText, Arch arch, Bounds bounds) {
        Findings findings = new Findings(bounds.maxFindings());
        String text = givenText.isPresent() ? checkText(givenText.get(), shownAs, bounds, findings) : read(file, shownAs, bounds, findings);
        if (text == null) {
            return new Result(Optional.empty(), findings.sorted(), new SourceText(shownAs, List.of()));
        }
        SourceText source = new SourceText(shownAs, List.of(text.split("\r?\n", -1)));
        ScenarioFile model = null;
        try {
            TpsParser.FileContext tree = syntax(text, shownAs, findings);
            if (tree != null) {
                Path absolute = file.toAbsolutePath().normalize();
                model = new ModelBuilder(absolute, shownAs, arch, bounds, findings).file(tree);
            }
        } catch (Findings.TooMany stop) {
            model = null;
        }
        return new Result(findings.hasErrors() ? Optional.empty() : Optional.ofNullable(model), findings.sorted(), source);
    }

    private static TpsParser.FileContext syntax(String text, String shownAs, Findings findings) {
        TpsLexer lexer = new TpsLexer(CharStreams.fromString(text, shownAs));
        lexer.removeErrorListeners(); // the lexer cannot fail: STRAY and UNTERMINATED_STRING take what no rule does
        TpsParser parser = new TpsParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.setErrorHandler(new SyntaxErrors(findings, new Spans(shownAs)));
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL); // every decision is LL(1)
        try {
            return parser.file();
        } catch (SyntaxErrors.Stop stop) {
            return null;
        }
    }

    private static String read(Path file, String shownAs, Bounds bounds, Findings findings) {
        SourceSpan whole = SourceSpan.wholeFile(shownAs);
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                findings.add(ScenarioRule.UNREADABLE, whole, shownAs + " is a directory, not a scenario file");
                return null;
            }
            long size = Files.size(file);
            if (size > bounds.maxBytes()) {
                findings.add(ScenarioRule.TOO_LARGE, whole, shownAs + " has " + size + " bytes; a scenario file may have at most "
                        + bounds.maxBytes(), "split it into several files");
                return null;
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            findings.add(ScenarioRule.UNREADABLE, whole, "no such file: " + shownAs);
            return null;
        } catch (IOException | SecurityException e) {
            findings.add(ScenarioRule.UNREADABLE, whole, "cannot read " + shownAs + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
            return null;
        }
        return decode(bytes, shownAs, bounds, findings);
    }

    private static String checkText(String text, String shownAs, Bounds bounds, Findings findings) {
        return decode(text.getBytes(StandardCharsets.UTF_8), shownAs, bounds, findings);
    }

    /** UTF-8 text without NUL (a NUL is the surest sign of a binary file), a leading byte-order mark dropped. */
    private static String decode(byte[] bytes, String shownAs, Bounds bounds, Findings findings) {
        SourceSpan whole = SourceSpan.wholeFile(shownAs);
        if (bytes.length > bounds.maxBytes()) {
            findings.add(ScenarioRule.TOO_LARGE, whole, shownAs + " has " + bytes.length + " bytes; a scenario file may have at most "
                    + bounds.maxBytes(), "split it into several files");
            return null;
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                findings.add(ScenarioRule.BINARY, whole, shownAs + " is not a text file: it holds a NUL byte on line "
                        + lineOf(bytes, i));
                return null;
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            findings.add(ScenarioRule.BINARY, whole, shownAs + " is not UTF-8 text", "save it as UTF-8");
            return null;
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static int lineOf(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
