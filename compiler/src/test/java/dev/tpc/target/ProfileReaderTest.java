package dev.tpc.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.diag.Diagnostic;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileReaderTest {
    private static ProfileLoad read(String text) {
        return new ProfileReader().read(text.getBytes(StandardCharsets.UTF_8), "p.yaml", "p.yaml");
    }

    private static List<String> findings(ProfileLoad load) {
        return load.diagnostics().stream()
                .map(d -> d.span().line() + ":" + d.span().column() + " " + d.code() + " " + d.message()).toList();
    }

    @Test
    void readsAMinimalHandWrittenProfile() {
        ProfileLoad load = read("""
                format: 1
                name: my-node
                kernel: {version: 6.8.0-45-generic}
                arch: arm64
                features:
                  kprobe_multi: true
                  override_helper: {value: false, basis: probed}
                limits:
                  string_match_max_length: 4096
                """);
        assertEquals(List.of(), findings(load));
        TargetProfile p = load.profile().orElseThrow();
        assertEquals("my-node", p.name());
        assertEquals(new KernelVersion(6, 8, 0), p.kernel());
        assertEquals(Arch.ARM64, p.arch());
        assertEquals(new FeatureFact(Availability.YES, Basis.DECLARED, ""), p.fact(Feature.KPROBE_MULTI));
        assertEquals(Basis.PROBED, p.fact(Feature.OVERRIDE_HELPER).basis());
        // a feature the file does not state is unknown, not absent
        assertEquals(Availability.UNKNOWN, p.has(Feature.FMODRET_SYSCALL));
    }

    @Test
    void aBrokenProfileGivesPositionedDiagnosticsAndNoProfile() {
        ProfileLoad load = read("""
                format: 1
                name: bad
                kernel: {version: six}
                arch: sparc
                features:
                  kprobe_multi: maybe
                  warp_drive: true
                limits:
                  string_match_max_length: 1000
                """);
        assertTrue(load.profile().isEmpty());
        assertEquals(List.of(
                "3:19 TP0102 kernel version 'six' is not of the form 6.12 or 6.12.117",
                "4:7 TP0102 architecture 'sparc' is not x86_64 or arm64",
                "6:17 TP0102 feature kprobe_multi is true, false or unknown, not 'maybe'",
                "7:3 TP0103 unknown feature 'warp_drive'",
                "9:28 TP0102 string_match_max_length is one of Tetragon's string bucket maxima 144, 510 or 4096"),
                findings(load).stream().sorted().toList());
    }

    @Test
    void yamlErrorsAndWrongShapesAreDiagnosticsToo() {
        assertEquals("TP0004", read("name: [unclosed\n").diagnostics().get(0).code());
        Diagnostic d = read("- a list\n").diagnostics().get(0);
        assertEquals("TP0102", d.code());
        assertEquals(1, d.span().line());
        ProfileLoad missing = read("format: 1\nname: x\n");
        assertTrue(missing.profile().isEmpty());
        assertTrue(findings(missing).contains("1:1 TP0102 'kernel' is missing"), findings(missing).toString());
    }

    @Test
    void anUnknownValueMustSayItIsUnmeasured() {
        ProfileLoad load = read("""
                format: 1
                name: x
                kernel: {version: "6.1"}
                arch: x86_64
                features:
                  kprobe_multi: {value: unknown, basis: measured}
                limits: {string_match_max_length: 4096}
                """);
        assertEquals(List.of("6:41 TP0105 feature kprobe_multi is unknown with basis measured"), findings(load));
        assertTrue(load.profile().isPresent(), "a warning keeps the profile");
    }

    @Test
    void readsTheDebianKernelPackagesOfAProfile() {
        ProfileLoad load = read("""
                format: 1
                name: sid
                kernel: {version: 7.2.13}
                arch: x86_64
                debian:
                  suite: sid
                  packages: ["linux-binary-unsigned-7.2.*-amd64", "linux-modules-7.2.*-amd64"]
                  flavour: amd64
                features: {}
                limits: {string_match_max_length: 4096}
                """);
        assertEquals(List.of(), findings(load));
        DebianKernel debian = load.profile().orElseThrow().debian().orElseThrow();
        assertEquals(new DebianKernel("sid", List.of("linux-binary-unsigned-7.2.*-amd64", "linux-modules-7.2.*-amd64"), "amd64"),
                debian);
        // * is one dash-free part of the name: the ABI, never the flavour
        assertTrue(DebianKernel.regex("linux-image-6.1.0-*-amd64-unsigned").matcher("linux-image-6.1.0-57-amd64-unsigned").matches());
        assertTrue(!DebianKernel.regex("linux-image-6.1.0-*-amd64-unsigned").matcher("linux-image-6.1.0-57-cloud-amd64-unsigned").matches());
        // profiles written by tpc probe have no debian key
        assertTrue(read("format: 1\nname: n\nkernel: {version: 6.1}\narch: x86_64\nfeatures: {}\nlimits: {string_match_max_length: 144}\n")
                .profile().orElseThrow().debian().isEmpty());
    }

    @Test
    void aBrokenDebianKeyIsPositioned() {
        ProfileLoad load = read("""
                format: 1
                name: node
                kernel: {version: 6.1}
                arch: x86_64
                debian:
                  suite: Bookworm!
                  packages: [linux image]
                  mirror: x
                features: {}
                limits: {string_match_max_length: 144}
                """);
        assertEquals(List.of(
                "6:10 TP0102 debian.suite 'Bookworm!' is not a Debian suite name such as bookworm",
                "6:3 TP0102 'flavour' is missing",
                "7:14 TP0102 a package pattern is a Debian package name in which * stands for one part without a dash,"
                        + " e.g. linux-image-6.1.0-*-amd64-unsigned",
                "8:3 TP0103 unknown field 'mirror' in debian"),
                findings(load).stream().sorted().toList());
        assertTrue(load.profile().isEmpty(), "errors void the profile");
    }
}
