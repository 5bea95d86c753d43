package dev.tpc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.bundle.Bundle;
import dev.tpc.bundle.BundleReader;
import dev.tpc.diag.Diagnostic;
import dev.tpc.target.Arch;
import dev.tpc.testing.RepoFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tpc.compile: which documents get a bundle, under which name, and when an existing bundle is left alone. */
class CompileTest {
    private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2001-02-03T04:05:06Z"));

    private static Path example(String name) {
        return RepoFiles.root().resolve("examples/policies").resolve(name);
    }

    private static CompileReport compile(Path out, boolean skipUpToDate, List<String> targets, Path... inputs) throws Exception {
        return compile(out, skipUpToDate, targets, List.of(), inputs);
    }

    private static CompileReport compile(Path out, boolean skipUpToDate, List<String> targets, List<Path> formats,
                                         Path... inputs) throws Exception {
        return Tpc.compile(new CompileRequest(List.of(inputs), targets, Arch.X86_64, out, formats, skipUpToDate,
                Optional.empty(), out.getParent()));
    }

    private static List<String> codes(CompileReport r) {
        return r.check().diagnostics().map(Diagnostic::code).toList();
    }

    @Test
    void anUpToDateBundleIsNotEvenRewritten(@TempDir Path tmp) throws Exception {
        Path policy = Files.copy(example("lseek-integer-filters.yaml"), tmp.resolve("lseek.yaml"));
        Path out = tmp.resolve("out");
        CompileReport first = compile(out, true, List.of("6.1", "6.12"), policy);
        Path bundle = out.resolve("lseek-integer-filters.tpb");
        assertEquals(List.of(bundle), first.bundles().stream().map(CompiledBundle::file).toList());
        assertFalse(first.bundles().get(0).upToDate());
        Files.setLastModifiedTime(bundle, LONG_AGO);
        Object fileKey = Files.readAttributes(bundle, java.nio.file.attribute.BasicFileAttributes.class).fileKey();

        CompileReport again = compile(out, true, List.of("6.1", "6.12"), policy);
        assertTrue(again.bundles().get(0).upToDate());
        assertEquals(first.bundles().get(0).sha256(), again.bundles().get(0).sha256());
        assertEquals(LONG_AGO, Files.getLastModifiedTime(bundle), "an up-to-date bundle is not rewritten");
        assertEquals(fileKey, Files.readAttributes(bundle, java.nio.file.attribute.BasicFileAttributes.class).fileKey());

        CompileReport otherTargets = compile(out, true, List.of("6.12"), policy);
        assertFalse(otherTargets.bundles().get(0).upToDate(), "another target list makes the bundle stale");
        assertNotEquals(first.bundles().get(0).sha256(), otherTargets.bundles().get(0).sha256());

        Files.setLastModifiedTime(bundle, LONG_AGO);
        Files.writeString(policy, Files.readString(policy) + "# a comment changes the source bytes\n");
        CompileReport edited = compile(out, true, List.of("6.12"), policy);
        assertFalse(edited.bundles().get(0).upToDate(), "another source makes the bundle stale");
        assertNotEquals(LONG_AGO, Files.getLastModifiedTime(bundle));

        Files.setLastModifiedTime(bundle, LONG_AGO);
        CompileReport forced = compile(out, false, List.of("6.12"), policy);
        assertFalse(forced.bundles().get(0).upToDate());
        assertEquals(edited.bundles().get(0).sha256(), forced.bundles().get(0).sha256(), "same inputs, same bytes");
        assertNotEquals(LONG_AGO, Files.getLastModifiedTime(bundle), "without skipUpToDate the bundle is written");

        Files.write(bundle, new byte[] {1, 2, 3});
        CompileReport damaged = compile(out, true, List.of("6.12"), policy);
        assertFalse(damaged.bundles().get(0).upToDate(), "a damaged bundle is replaced");
        assertEquals(edited.bundles().get(0).sha256(), damaged.bundles().get(0).sha256());
    }

    @Test
    void twoDocumentsWithOneNameGetAFindingAndNoBundle(@TempDir Path tmp) throws Exception {
        Path a = Files.copy(example("lseek-integer-filters.yaml"), tmp.resolve("a.yaml"));
        Path b = Files.copy(example("lseek-integer-filters.yaml"), tmp.resolve("b.yaml"));
        Path other = example("kill-cat-reading-shadow.yaml");
        CompileReport r = compile(tmp.resolve("out"), false, List.of("6.12"), a, b, other);
        assertTrue(r.failed());
        assertEquals(List.of("TP9003", "TP9003"), codes(r));
        Diagnostic d = r.check().diagnostics().findFirst().orElseThrow();
        assertEquals(5, d.span().line(), "at metadata.name (line 5 of the example)");
        assertTrue(d.message().contains("lseek-integer-filters.tpb") && d.message().contains("b.yaml"), d.message());
        assertEquals(List.of("kill-cat-reading-shadow.tpb"),
                r.bundles().stream().map(x -> x.file().getFileName().toString()).toList(), "the others still compile");
        assertFalse(Files.exists(tmp.resolve("out/lseek-integer-filters.tpb")));
    }

    @Test
    void namespacedPoliciesAndDocumentsAreNamedApart(@TempDir Path tmp) throws Exception {
        String text = Files.readString(example("namespaced-file-monitoring.yaml"));
        Path two = tmp.resolve("two.yaml");
        Files.writeString(two, text + "\n---\n" + text.replace("namespace: \"payments\"", "namespace: \"billing\"")
                .replace("namespace: payments", "namespace: billing"));
        CompileReport r = compile(tmp.resolve("out"), false, List.of("6.12"), two);
        assertEquals(List.of(), codes(r));
        assertEquals(List.of("payments.file-monitoring.tpb", "billing.file-monitoring.tpb"),
                r.bundles().stream().map(x -> x.file().getFileName().toString()).toList());
        assertEquals(List.of(1, 2), r.bundles().stream().map(CompiledBundle::document).toList());
        Bundle second = BundleReader.read(r.bundles().get(1).file(), Optional.of(Arch.X86_64));
        assertEquals("billing", second.manifest().namespace());
        assertEquals(2, second.manifest().document());
        assertEquals("two.yaml", second.manifest().sourceName());
        assertEquals("billing/file-monitoring", r.bundles().get(1).policy());
    }

    @Test
    void aPolicyWithAnErrorGetsNoBundle(@TempDir Path tmp) throws Exception {
        // a relative uprobe path passes the check, but only Tetragon's agent knows what it is relative to
        Path relative = tmp.resolve("relative-uprobe.yaml");
        Files.writeString(relative, """
                apiVersion: cilium.io/v1alpha1
                kind: TracingPolicy
                metadata:
                  name: relative-uprobe
                spec:
                  uprobes:
                  - path: "bin/bash"
                    symbols: [readline]
                """);
        CompileReport r = compile(tmp.resolve("out"), false, List.of(), relative, example("lseek-integer-filters.yaml"));
        assertTrue(r.failed());
        List<Diagnostic> errors = r.check().diagnostics().filter(d -> d.code().equals("TP9001")).toList();
        assertEquals(1, errors.size(), "one finding for all targets: " + errors);
        assertTrue(errors.get(0).appliesToAllTargets());
        assertEquals(7, errors.get(0).span().line());
        assertEquals(List.of("lseek-integer-filters.tpb"), r.bundles().stream().map(b -> b.file().getFileName().toString()).toList());
    }

    @Test
    void tracepointFormatsOverrideTheShippedTables(@TempDir Path tmp) throws Exception {
        Path policy = tmp.resolve("sock.yaml");
        Files.writeString(policy, """
                apiVersion: cilium.io/v1alpha1
                kind: TracingPolicy
                metadata:
                  name: sock-state
                spec:
                  tracepoints:
                  - subsystem: "sock"
                    event: "inet_sock_set_state"
                    args:
                    - index: 6
                      type: "int"
                """);
        CompileReport without = compile(tmp.resolve("out"), false, List.of("6.12"), policy);
        assertEquals(List.of("TP9001"), codes(without), "no format for sock/inet_sock_set_state in the shipped table");
        assertTrue(without.bundles().isEmpty());

        Path format = Files.createDirectories(tmp.resolve("events/sock/inet_sock_set_state")).resolve("format");
        Files.writeString(format, """
                name: inet_sock_set_state
                ID: 1470
                format:
                \tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;
                \tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;
                \tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;
                \tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;

                \tfield:const void * skaddr;\toffset:8;\tsize:8;\tsigned:0;
                \tfield:int oldstate;\toffset:16;\tsize:4;\tsigned:1;
                \tfield:int newstate;\toffset:20;\tsize:4;\tsigned:1;

                print fmt: "skaddr=%p"
                """);
        CompileReport with = compile(tmp.resolve("out"), false, List.of("6.12"), List.of(format), policy);
        assertEquals(List.of(), codes(with));
        Bundle b = BundleReader.read(with.bundles().get(0).file(), Optional.empty());
        byte[] config = b.targets().get(0).hooks().get(0).eventConfig().toArray();
        assertEquals(20, java.nio.ByteBuffer.wrap(config).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(44),
                "event_config.off[0] is newstate's offset from the given format");
        CompileReport lseek = compile(tmp.resolve("out2"), false, List.of("6.12"), example("lseek-integer-filters.yaml"));
        Bundle shipped = BundleReader.read(lseek.bundles().get(0).file(), Optional.empty());
        assertNotEquals(shipped.manifest().targets().get(0).tracepointsSha256(), b.manifest().targets().get(0).tracepointsSha256(),
                "the manifest records which tracepoint formats were used");

        Path bad = tmp.resolve("format-without-subsystem");
        Files.writeString(bad, "name: x\n");
        assertThrows(InvalidRequestException.class, () -> compile(tmp.resolve("out"), false, List.of("6.12"), List.of(bad), policy));
    }
}
