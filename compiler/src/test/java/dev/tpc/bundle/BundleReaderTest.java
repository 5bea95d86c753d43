package dev.tpc.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.api.CompileReport;
import dev.tpc.api.CompileRequest;
import dev.tpc.api.Tpc;
import dev.tpc.diag.BundleRule;
import dev.tpc.target.Arch;
import dev.tpc.testing.RepoFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The strict reader: it accepts exactly what the writer wrote, and names what is wrong with anything else. */
class BundleReaderTest {
    private static final String HOOK = "targets/6.12/hooks/0000/";
    private static byte[] bundle;

    @BeforeAll
    static void compileASmallBundle(@TempDir Path dir) throws Exception {
        Path policy = RepoFiles.root().resolve("examples/policies/kill-cat-reading-shadow.yaml");
        CompileReport r = Tpc.compile(new CompileRequest(List.of(policy), List.of("6.12"), Arch.X86_64, dir, List.of(),
                false, Optional.empty(), dir));
        assertEquals(1, r.bundles().size(), () -> r.check().diagnostics().toList().toString());
        bundle = Files.readAllBytes(r.bundles().get(0).file());
    }

    @Test
    void readsWhatTheWriterWrote() throws Exception {
        Bundle b = BundleReader.read(bundle, Optional.of(Arch.X86_64));
        assertEquals("kill-cat-reading-shadow", b.manifest().name());
        assertEquals(List.of("6.12"), b.manifest().targetNames());
        assertEquals(1, b.targets().get(0).hooks().size());
        HookBundle h = b.targets().get(0).hooks().get(0);
        assertEquals("syscalls/sys_enter_openat", h.config().name());
        assertEquals(4096, h.filter().length());
        assertEquals(BundleArchive.sha256Hex(bundle), b.sha256());
        assertTrue(b.normalisedPolicy().contains("\"kill-cat-reading-shadow\""));
    }

    /** An arm64 bundle carries its encodings, but no template: tpc's templates are x86_64 programs. */
    @Test
    void arm64BundlesNameNoTemplate(@TempDir Path dir) throws Exception {
        Path policy = RepoFiles.root().resolve("examples/policies/kill-cat-reading-shadow.yaml");
        CompileReport r = Tpc.compile(new CompileRequest(List.of(policy), List.of("6.12"), Arch.ARM64, dir, List.of(),
                false, Optional.empty(), dir));
        assertEquals(1, r.bundles().size(), () -> r.check().diagnostics().toList().toString());
        Bundle b = BundleReader.read(Files.readAllBytes(r.bundles().get(0).file()), Optional.of(Arch.ARM64));
        LoaderConfig c = b.targets().get(0).hooks().get(0).config();
        assertTrue(c.template().isEmpty());
        assertEquals("tpc's BPF templates are built for x86_64 only, not arm64", c.templateUnavailable());
    }

    /** Every byte of the file, flipped on its own, makes the reader refuse the bundle. */
    @Test
    void everyFlippedByteIsRefused() {
        Map<BundleRule, Integer> seen = new EnumMap<>(BundleRule.class);
        for (int i = 0; i < bundle.length; i++) {
            byte[] tampered = bundle.clone();
            tampered[i] ^= (byte) 0xFF;
            int at = i;
            BundleFormatException e = assertThrows(BundleFormatException.class,
                    () -> BundleReader.read(tampered, Optional.empty()), () -> "flipping byte " + at + " went unnoticed");
            seen.merge(e.rule(), 1, Integer::sum);
        }
        System.out.println("flipped " + bundle.length + " bytes one at a time: " + seen);
        assertTrue(seen.getOrDefault(BundleRule.BUNDLE_DIGEST, 0) > bundle.length / 2, "most flips break the digest: " + seen);
    }

    @Test
    void anotherFormatVersionIsNamedAsSuch() throws Exception {
        BundleFormatException e = refused(entries -> editManifest(entries, m -> m.put("format", "tpc-bundle/2")));
        assertEquals(BundleRule.UNKNOWN_FORMAT, e.rule());
        assertTrue(e.getMessage().contains("tpc-bundle/2"), e.getMessage());
    }

    @Test
    void aMissingEntryIsRefused() throws Exception {
        assertEquals(BundleRule.MISSING_ENTRY, refused(entries -> entries.remove(HOOK + "maps.json")).rule());
        assertEquals(BundleRule.MISSING_ENTRY, refused(entries -> entries.remove("manifest.json")).rule());
        // removed from the archive and from the manifest: the format still requires it
        assertEquals(BundleRule.MISSING_ENTRY, refused(entries -> {
            entries.remove(HOOK + "maps.bin");
            editManifest(entries, m -> ((ObjectNode) m.get("entries")).remove(HOOK + "maps.bin"));
        }).rule());
    }

    @Test
    void anExtraEntryIsRefused() throws Exception {
        assertEquals(BundleRule.EXTRA_ENTRY, refused(entries -> entries.put("notes.txt", new byte[] {1})).rule());
        // listed in the manifest with the right digest, but not an entry of the format
        BundleFormatException listed = refused(entries -> {
            entries.put(HOOK + "notes.txt", new byte[] {1});
            editManifest(entries, m -> ((ObjectNode) m.get("entries")).put(HOOK + "notes.txt",
                    BundleArchive.sha256Hex(new byte[] {1})));
        });
        assertEquals(BundleRule.EXTRA_ENTRY, listed.rule());
        assertTrue(listed.getMessage().contains("format does not have"), listed.getMessage());
    }

    @Test
    void anEntryThatDiffersFromItsDigestIsRefused() throws Exception {
        BundleFormatException e = refused(entries -> entries.get(HOOK + "filter.bin")[0] ^= 1);
        assertEquals(BundleRule.ENTRY_DIGEST, e.rule());
        assertTrue(e.getMessage().contains(HOOK + "filter.bin"), e.getMessage());
    }

    @Test
    void nonCanonicalOrInconsistentEntriesAreRefused() throws Exception {
        // the same JSON, indented differently, with a correct digest
        assertEquals(BundleRule.MALFORMED_ENTRY, refused(entries -> rewrite(entries, HOOK + "loader.json",
                new String(entries.get(HOOK + "loader.json"), StandardCharsets.UTF_8).replace("\n  ", "\n    ")
                        .getBytes(StandardCharsets.UTF_8))).rule());
        // maps.json that no longer renders maps.bin
        assertEquals(BundleRule.MALFORMED_ENTRY, refused(entries -> rewrite(entries, HOOK + "maps.json",
                new String(entries.get(HOOK + "maps.json"), StandardCharsets.UTF_8).replace("shadow", "passwd")
                        .getBytes(StandardCharsets.UTF_8))).rule());
        // a filter blob of the wrong size
        assertEquals(BundleRule.MALFORMED_ENTRY, refused(entries -> rewrite(entries, HOOK + "filter.bin", new byte[100])).rule());
        // rodata bytes that disagree with the fields beside them
        assertEquals(BundleRule.MALFORMED_ENTRY, refused(entries -> rewrite(entries, HOOK + "loader.json",
                new String(entries.get(HOOK + "loader.json"), StandardCharsets.UTF_8).replace("\"max_selectors\": 2",
                        "\"max_selectors\": 3").getBytes(StandardCharsets.UTF_8))).rule());
        // a return program without the return program's rodata
        BundleFormatException noReturnRodata = refused(entries -> rewrite(entries, HOOK + "loader.json",
                new String(entries.get(HOOK + "loader.json"), StandardCharsets.UTF_8).replace("\"returnProgram\": \"\"",
                        "\"returnProgram\": \"tpc_uretprobe\"").getBytes(StandardCharsets.UTF_8)));
        assertEquals(BundleRule.MALFORMED_ENTRY, noReturnRodata.rule());
        assertTrue(noReturnRodata.getMessage().contains("returnRodata"), noReturnRodata.getMessage());
    }

    @Test
    void anotherArchitectureIsRefused() {
        BundleFormatException e = assertThrows(BundleFormatException.class,
                () -> BundleReader.read(bundle, Optional.of(Arch.ARM64)));
        assertEquals(BundleRule.WRONG_ARCHITECTURE, e.rule());
        assertTrue(e.getMessage().contains("compiled for x86_64, not arm64"), e.getMessage());
    }

    @Test
    void garbageIsRefusedWithoutAnException() {
        for (byte[] junk : List.of(new byte[0], "not a bundle".getBytes(StandardCharsets.UTF_8), new byte[70_000],
                java.util.Arrays.copyOf(bundle, bundle.length / 2))) {
            BundleFormatException e = assertThrows(BundleFormatException.class, () -> BundleReader.read(junk, Optional.empty()));
            assertEquals(BundleRule.NOT_A_BUNDLE, e.rule());
        }
    }

    @Test
    void canonicalJsonSortsByCodePointAndEscapesOnlyWhatItMust() throws Exception {
        ObjectNode o = JsonMapper.builder().build().createObjectNode();
        o.put("b", "tab\there \"quoted\" é \u0001");
        o.put("a", 1);
        o.put("\uD83D\uDE00", true);
        o.put("\uFFFD", false);
        o.putArray("empty");
        o.putObject("none");
        String text = CanonicalJson.text(o);
        assertEquals("{\n  \"a\": 1,\n  \"b\": \"tab\\there \\\"quoted\\\" é \\u0001\",\n  \"empty\": [],\n  \"none\": {},\n"
                + "  \"\uFFFD\": false,\n  \"\uD83D\uDE00\": true\n}\n", text);
        assertEquals(o, CanonicalJson.parse(text.getBytes(StandardCharsets.UTF_8), "test"));
        assertThrows(BundleFormatException.class, () -> CanonicalJson.parse("{\"a\":1}\n".getBytes(StandardCharsets.UTF_8), "test"));
        assertThrows(BundleFormatException.class, () -> CanonicalJson.parse("{\n  \"a\": 1,\n  \"a\": 2\n}\n"
                .getBytes(StandardCharsets.UTF_8), "test"));
    }

    /** The bundle with {@code edit} applied to its entries, in a valid container: the reader must still refuse it. */
    private static BundleFormatException refused(Consumer<Map<String, byte[]>> edit) throws Exception {
        Map<String, byte[]> entries = new TreeMap<>(BundleArchive.read(bundle));
        edit.accept(entries);
        byte[] file = BundleArchive.write(entries);
        assertArrayEquals(file, BundleArchive.write(new TreeMap<>(BundleArchive.read(file))), "container stays canonical");
        return assertThrows(BundleFormatException.class, () -> BundleReader.read(file, Optional.empty()));
    }

    /** Replaces an entry and records its new digest in the manifest, as a careful forger would. */
    private static void rewrite(Map<String, byte[]> entries, String name, byte[] data) {
        entries.put(name, data);
        editManifest(entries, m -> ((ObjectNode) m.get("entries")).put(name, BundleArchive.sha256Hex(data)));
    }

    private static void editManifest(Map<String, byte[]> entries, Consumer<ObjectNode> edit) {
        ObjectNode m = (ObjectNode) JsonMapper.builder().build().readTree(entries.get("manifest.json"));
        edit.accept(m);
        entries.put("manifest.json", CanonicalJson.bytes(m));
    }
}
