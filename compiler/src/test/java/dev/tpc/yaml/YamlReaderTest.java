package dev.tpc.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.diag.Diagnostic;
import dev.tpc.diag.SourceSpan;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlReaderTest {
    private final YamlReader reader = new YamlReader();

    private ParsedFile read(String text) {
        return reader.readText(text, "p.yaml");
    }

    private static List<String> codes(ParsedFile f) {
        return f.diagnostics().stream().map(Diagnostic::code).toList();
    }

    @Test
    void keepsSpansOfKeysAndValues() {
        ParsedFile f = read("kind: TracingPolicy\nspec:\n  kprobes:\n  - call: \"sys_write\"\n    syscall: yes\n");
        MappingNode root = (MappingNode) f.documents().get(0).root();
        MappingNode kprobe = (MappingNode) ((SequenceNode) ((MappingNode) root.get("spec").orElseThrow())
                .get("kprobes").orElseThrow()).items().get(0);
        assertEquals(new SourceSpan("p.yaml", 4, 11, 4, 22), kprobe.valueSpan("call"));
        assertEquals(new SourceSpan("p.yaml", 5, 5, 5, 12), kprobe.keySpan("syscall"));
        ScalarNode syscall = (ScalarNode) kprobe.get("syscall").orElseThrow();
        assertEquals(Boolean.TRUE, syscall.value(), "YAML 1.1: yes is a boolean");
        ScalarNode call = (ScalarNode) kprobe.get("call").orElseThrow();
        assertTrue(call.quoted());
        assertEquals("sys_write", call.value());
    }

    @Test
    void quotedAndTaggedScalarsStayStrings() {
        ParsedFile f = read("a: \"yes\"\nb: !!str on\nc: '0x10'\nd: 0x10\n");
        MappingNode m = (MappingNode) f.documents().get(0).root();
        assertEquals("yes", ((ScalarNode) m.get("a").orElseThrow()).value());
        assertEquals("on", ((ScalarNode) m.get("b").orElseThrow()).value());
        assertEquals("0x10", ((ScalarNode) m.get("c").orElseThrow()).value());
        assertEquals(16L, ((ScalarNode) m.get("d").orElseThrow()).value());
    }

    @Test
    void booleanKeysBecomeTheirJsonText() {
        MappingNode m = (MappingNode) read("yes: 1\n").documents().get(0).root();
        assertEquals("true", m.entries().get(0).name());
    }

    @Test
    void readsEveryDocumentOfAStream() {
        ParsedFile f = read("a: 1\n---\nb: 2\n---\n- x\n");
        assertEquals(3, f.documents().size());
        assertEquals(List.of(1, 2, 3), f.documents().stream().map(YamlDocument::ordinal).toList());
        assertInstanceOf(SequenceNode.class, f.documents().get(2).root());
        assertEquals(3, f.documents().get(1).root().span().line());
    }

    @Test
    void singleLetterYIsABooleanKeyAsInYaml11() {
        MappingNode m = (MappingNode) read("y: 1\nn: 2\n").documents().get(0).root();
        assertEquals(List.of("true", "false"), m.entries().stream().map(MappingNode.Entry::name).toList());
    }

    @Test
    void duplicateKeysAreReportedAtTheSecondKey() {
        ParsedFile f = read("a: 1\nb: 2\na: 3\n---\nc: 1\n");
        assertEquals(List.of(), codes(f), "a duplicate key belongs to its document, not to the file");
        List<Diagnostic> problems = f.documents().get(0).problems();
        assertEquals(List.of("TP0006"), problems.stream().map(Diagnostic::code).toList());
        assertEquals(3, problems.get(0).span().line());
        assertEquals(1, problems.get(0).span().column());
        assertEquals(List.of(), f.documents().get(1).problems());
    }

    @Test
    void syntaxErrorsHaveAPosition() {
        ParsedFile f = read("a: 1\nb: [1, 2\nc: 3\n");
        assertEquals(List.of("TP0004"), codes(f));
        assertTrue(f.diagnostics().get(0).span().hasPosition());
    }

    @Test
    void nonScalarKeysAreRefused() {
        assertEquals(List.of("TP0010"), codes(read("? [a, b]\n: 1\n")));
    }

    @Test
    void mergeKeysAreExpandedWithoutOverridingExplicitKeys() {
        MappingNode m = (MappingNode) read("base: &b {k: 1, m: 2}\nuse:\n  <<: *b\n  m: 3\n").documents().get(0).root();
        MappingNode use = (MappingNode) m.get("use").orElseThrow();
        assertEquals(3L, ((ScalarNode) use.get("m").orElseThrow()).value());
        assertEquals(1L, ((ScalarNode) use.get("k").orElseThrow()).value());
    }

    @Test
    void billionLaughsStopsAtTheNodeBudget() {
        StringBuilder b = new StringBuilder("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (int i = 1; i < 10; i++) {
            b.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                b.append(j == 0 ? "" : ",").append("*a").append(i - 1);
            }
            b.append("]\n");
        }
        ParsedFile f = read(b.toString());
        assertEquals(List.of("TP0005"), codes(f));
        assertTrue(f.diagnostics().get(0).message().contains("aliases"), f.diagnostics().get(0).message());
    }

    @Test
    void deepNestingStopsAtTheDepthLimit() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        ParsedFile f = read(deep);
        assertEquals(List.of("TP0005"), codes(f));
        assertTrue(f.diagnostics().get(0).message().contains("levels deep"));
    }

    @Test
    void tooManyNodesStopsAtTheNodeBudget() {
        ParsedFile f = new YamlReader(new YamlLimits(1 << 20, 64, 1000, 10, 1000)).readText("- x\n".repeat(5000), "p.yaml");
        assertEquals(List.of("TP0005"), codes(f));
    }

    @Test
    void aStreamOfManyDocumentsStopsAtTheDocumentLimit() {
        int limit = YamlLimits.DEFAULT.maxDocuments();
        // 100,000 empty documents stay far below the byte and node limits
        ParsedFile f = read("{}\n---\n".repeat(100_000));
        assertEquals(List.of("TP0005"), codes(f));
        assertEquals("the file holds more than " + limit + " YAML documents", f.diagnostics().get(0).message());
        assertEquals(2 * limit, f.diagnostics().get(0).span().line(), "at the separator that starts one document too many");
        assertEquals(limit, f.documents().size());
        assertEquals(List.of(), codes(read("{}\n---\n".repeat(limit - 1) + "{}\n")), "the limit itself is allowed");
    }

    @Test
    void hugeFilesAreRefusedBeforeReading(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.yaml");
        try (RandomAccessFile raf = new RandomAccessFile(big.toFile(), "rw")) {
            raf.setLength(100L * 1024 * 1024); // sparse: costs no disk
        }
        ParsedFile f = reader.read(big, "big.yaml");
        assertEquals(List.of("TP0003"), codes(f));
        assertTrue(f.documents().isEmpty());
    }

    @Test
    void binaryAndBadUtf8AreRefused(@TempDir Path dir) throws IOException {
        Path bin = dir.resolve("b.yaml");
        Files.write(bin, new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 1});
        assertEquals(List.of("TP0002"), codes(reader.read(bin, "b.yaml")));
        Path latin1 = dir.resolve("l.yaml");
        Files.write(latin1, "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(List.of("TP0002"), codes(reader.read(latin1, "l.yaml")));
    }

    @Test
    void unreadableFilesAreAFinding(@TempDir Path dir) {
        assertEquals(List.of("TP0001"), codes(reader.read(dir, "dir")));
    }

    @Test
    void ignoreCommentsApplyToTheirLineOrTheWholeDocument() {
        ParsedFile f = read("# tpc:ignore=TP5001\nkind: TracingPolicy\nspec:  # tpc:ignore=tp3101, TP3102\n  x: 1\n---\nkind: Other\n");
        Suppressions first = f.documents().get(0).suppressions();
        assertTrue(first.documentCodes().contains("TP5001"));
        assertEquals(java.util.Set.of("TP3101", "TP3102"), first.lineCodes().get(3));
        Suppressions second = f.documents().get(1).suppressions();
        assertFalse(second.documentCodes().contains("TP5001"), "document-level codes stay in their document");
    }

    @Test
    void byteOrderMarkIsIgnored() {
        ParsedFile f = read("\uFEFFa: 1\n");
        assertTrue(f.diagnostics().isEmpty());
        assertEquals(1, f.documents().get(0).root().span().column());
    }

    @Test
    void aControlCharacterIsFoundWhereItIs() {
        ParsedFile f = read("apiVersion: v1\nmetadata:\n  name: a\u001b[2Jb\n");
        assertEquals(1, f.diagnostics().size(), f.diagnostics().toString());
        Diagnostic d = f.diagnostics().get(0);
        assertEquals("TP0004", d.code());
        assertEquals(new SourceSpan("p.yaml", 3, 10, 3, 11), d.span());
        assertTrue(d.message().contains("U+001B"), d.message());
    }
}
