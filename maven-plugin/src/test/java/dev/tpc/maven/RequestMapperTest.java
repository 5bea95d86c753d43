package dev.tpc.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.api.CheckRequest;
import dev.tpc.api.CompileRequest;
import dev.tpc.api.InvalidRequestException;
import dev.tpc.api.Tpc;
import dev.tpc.report.ReportFormat;
import dev.tpc.target.Arch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration → request, without a Maven runtime. */
class RequestMapperTest {
    @TempDir
    Path basedir;

    private RawConfiguration raw(List<Path> dirs, List<String> targets, String arch, Optional<Path> baseline) {
        return new RawConfiguration(basedir, dirs, targets, arch, List.of("sarif", "junit"), "error", baseline);
    }

    private static final String GOOD = "apiVersion: cilium.io/v1alpha1\nkind: TracingPolicy\nmetadata:\n  name: good\n"
            + "spec:\n  kprobes:\n  - call: \"sys_write\"\n    syscall: true\n";

    @Test
    void unsetParametersBecomeEmptyAndFilesAreResolvedAgainstTheBaseDirectory() {
        RawConfiguration unset = RawConfiguration.fromParameters(basedir.toFile(), null, null, "x86_64", null, "error", null);
        assertEquals(List.of(), unset.policyDirectories());
        assertFalse(unset.policyDirectoriesConfigured());
        assertEquals(List.of(), unset.targets());
        assertEquals(List.of(), unset.formats());
        assertEquals(Optional.empty(), unset.baseline());

        RawConfiguration set = RawConfiguration.fromParameters(basedir.toFile(),
                List.of(new java.io.File("policies"), basedir.resolve("abs").toFile()), List.of("6.1"), "arm64",
                List.of("sarif"), "warning", new java.io.File("baseline.json"));
        assertEquals(List.of(basedir.resolve("policies"), basedir.resolve("abs")), set.policyDirectories());
        assertTrue(set.policyDirectoriesConfigured());
        assertEquals(Optional.of(basedir.resolve("baseline.json")), set.baseline());
    }

    @Test
    void theDefaultDirectoryIsUsedWhenItExists() throws IOException {
        Files.createDirectories(basedir.resolve("src/main/tetragon"));
        Optional<List<Path>> inputs = RequestMapper.policyInputs(raw(List.of(), List.of(), "x86_64", Optional.empty()));
        assertEquals(Optional.of(List.of(basedir.resolve("src").resolve("main").resolve("tetragon"))), inputs);
    }

    @Test
    void anAbsentDefaultDirectoryMeansNothingToDo() {
        assertTrue(RequestMapper.policyInputs(raw(List.of(), List.of(), "x86_64", Optional.empty())).isEmpty());
    }

    @Test
    void configuredDirectoriesArePassedOnEvenWhenAbsentSoThatTheCoreRefusesThem() {
        Path missing = basedir.resolve("policies");
        Optional<List<Path>> inputs = RequestMapper.policyInputs(raw(List.of(missing), List.of(), "x86_64", Optional.empty()));
        assertEquals(Optional.of(List.of(missing)), inputs);
    }

    @Test
    void checkRequestCarriesEveryParameter() throws Exception {
        Path dir = basedir.resolve("policies");
        Path baseline = basedir.resolve("tpc-baseline.json");
        RawConfiguration raw = raw(List.of(dir), List.of(" 5.10", "7.2 ", ""), "aarch64", Optional.of(baseline));
        CheckRequest request = RequestMapper.checkRequest(raw, List.of(dir));
        assertEquals(List.of(dir), request.inputs());
        assertEquals(List.of("5.10", "7.2"), request.targets());
        assertEquals(Arch.ARM64, request.arch());
        assertEquals(Optional.of(baseline), request.baseline());
        assertEquals(basedir.toAbsolutePath().normalize(), request.workingDirectory());
    }

    @Test
    void noTargetsMeansEveryNamedProfile() throws Exception {
        CheckRequest request = RequestMapper.checkRequest(raw(List.of(), List.of(), "x86_64", Optional.empty()), List.of(basedir));
        assertEquals(List.of(), request.targets());
        assertEquals(Arch.X86_64, request.arch());
        assertEquals(Optional.empty(), request.baseline());
    }

    @Test
    void compileRequestWritesIntoTheOutputDirectoryAndSkipsUpToDateBundlesUnlessForced() throws Exception {
        Path out = basedir.resolve("target/tpc/bundles");
        RawConfiguration raw = raw(List.of(), List.of("6.1"), "x86_64", Optional.empty());
        CompileRequest normal = RequestMapper.compileRequest(raw, List.of(basedir), out, false);
        assertEquals(out.normalize(), normal.outputDirectory());
        assertTrue(normal.skipUpToDate());
        assertEquals(List.of("6.1"), normal.targets());
        assertEquals(List.of(), normal.tracepointFormats());
        assertEquals(basedir.toAbsolutePath().normalize(), normal.workingDirectory());
        assertFalse(RequestMapper.compileRequest(raw, List.of(basedir), out, true).skipUpToDate());
    }

    @Test
    void anUnknownArchitectureNamesTheParameter() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> RequestMapper.checkRequest(raw(List.of(), List.of(), "sparc", Optional.empty()), List.of(basedir)));
        assertEquals(Optional.of(PluginParameter.ARCH), e.parameter());
        assertEquals("Invalid <arch> (-Dtpc.arch) in the tpc-maven-plugin configuration: unknown architecture 'sparc'; use x86_64 or arm64",
                e.getMessage());
    }

    @Test
    void reportFormatsAreParsedCaseInsensitivelyOnceEachAndNoneMeansNoFile() throws Exception {
        assertEquals(List.of(ReportFormat.SARIF, ReportFormat.JUNIT), RequestMapper.reportFormats(List.of("SARIF", "junit", "sarif")));
        assertEquals(List.of(ReportFormat.TEXT, ReportFormat.JSON), RequestMapper.reportFormats(List.of("text", "json")));
        assertEquals(List.of(), RequestMapper.reportFormats(List.of("none")));
        ParameterException e = assertThrows(ParameterException.class, () -> RequestMapper.reportFormats(List.of("sarif", "html")));
        assertEquals(Optional.of(PluginParameter.FORMATS), e.parameter());
        assertTrue(e.getMessage().startsWith("Invalid <formats> (-Dtpc.formats)"), e.getMessage());
        assertTrue(e.getMessage().contains("'html'"), e.getMessage());
    }

    @Test
    void failOnAcceptsErrorAndWarningOnly() throws Exception {
        assertEquals(FailOn.ERROR, RequestMapper.failOn("error"));
        assertEquals(FailOn.WARNING, RequestMapper.failOn("WARNING"));
        ParameterException e = assertThrows(ParameterException.class, () -> RequestMapper.failOn("note"));
        assertEquals(Optional.of(PluginParameter.FAIL_ON), e.parameter());
    }

    // The core's usage errors, produced by the real core, pinned on the parameter that caused them.

    private ParameterException blameFor(RawConfiguration raw, List<Path> inputs) throws ParameterException {
        CheckRequest request = RequestMapper.checkRequest(raw, inputs);
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> Tpc.check(request));
        return RequestMapper.blame(e);
    }

    @Test
    void aMissingPolicyDirectoryIsBlamedOnPolicyDirectories() throws Exception {
        Path missing = basedir.resolve("policies");
        RawConfiguration raw = raw(List.of(missing), List.of(), "x86_64", Optional.empty());
        ParameterException e = blameFor(raw, List.of(missing));
        assertEquals(Optional.of(PluginParameter.POLICY_DIRECTORIES), e.parameter());
        assertTrue(e.getMessage().startsWith("Invalid <policyDirectories> (-Dtpc.policyDirectories) in the tpc-maven-plugin configuration: "),
                e.getMessage());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void anUnknownTargetIsBlamedOnTargets() throws Exception {
        Files.writeString(basedir.resolve("p.yaml"), GOOD, StandardCharsets.UTF_8);
        RawConfiguration raw = raw(List.of(basedir), List.of("6.1", "4.19"), "x86_64", Optional.empty());
        ParameterException e = blameFor(raw, List.of(basedir));
        assertEquals(Optional.of(PluginParameter.TARGETS), e.parameter());
        assertTrue(e.getMessage().contains("'4.19'"), e.getMessage());
    }

    @Test
    void anUnreadableBaselineIsBlamedOnBaseline() throws Exception {
        Path policy = basedir.resolve("p.yaml");
        Files.writeString(policy, GOOD, StandardCharsets.UTF_8);
        Path baseline = basedir.resolve("baseline.json");
        Files.writeString(baseline, "{ not json", StandardCharsets.UTF_8);
        RawConfiguration raw = raw(List.of(policy), List.of(), "x86_64", Optional.of(baseline));
        ParameterException e = blameFor(raw, List.of(policy));
        assertEquals(Optional.of(PluginParameter.BASELINE), e.parameter());
    }

    @Test
    void theFieldDecidesNotTheValuesTheMessageQuotes() throws Exception {
        // the message names the path policies-5.10 and so contains the target 5.10 too
        Path missing = basedir.resolve("policies-5.10");
        RawConfiguration raw = raw(List.of(missing), List.of("5.10"), "x86_64", Optional.empty());
        ParameterException e = blameFor(raw, List.of(missing));
        assertEquals(Optional.of(PluginParameter.POLICY_DIRECTORIES), e.parameter());
    }

    @Test
    void anOutputDirectoryThatIsAFileIsBlamedOnOutputDirectory() throws Exception {
        Path policy = Files.writeString(basedir.resolve("p.yaml"), GOOD, StandardCharsets.UTF_8);
        Path out = Files.writeString(basedir.resolve("out"), "");
        RawConfiguration raw = raw(List.of(policy), List.of("6.1"), "x86_64", Optional.empty());
        CompileRequest request = RequestMapper.compileRequest(raw, List.of(policy), out, false);
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> Tpc.compile(request));
        ParameterException blamed = RequestMapper.blame(e);
        assertEquals(Optional.of(PluginParameter.OUTPUT_DIRECTORY), blamed.parameter());
        assertEquals("Invalid <outputDirectory> (-Dtpc.outputDirectory) in the tpc-maven-plugin configuration: "
                + "the output directory " + out + " is a regular file", blamed.getMessage());
    }

    @Test
    void aFieldThePluginDoesNotSetBlamesNoParameter() {
        ParameterException e = RequestMapper.blame(new InvalidRequestException(InvalidRequestException.Field.TRACEPOINT_FORMATS,
                "--tracepoint-format: no such file: f"));
        assertEquals(Optional.empty(), e.parameter());
        assertEquals("Invalid tpc-maven-plugin configuration: --tracepoint-format: no such file: f", e.getMessage());
    }
}
