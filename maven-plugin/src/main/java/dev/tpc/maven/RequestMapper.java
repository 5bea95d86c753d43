package dev.tpc.maven;

import dev.tpc.api.CheckRequest;
import dev.tpc.api.CompileRequest;
import dev.tpc.api.InvalidRequestException;
import dev.tpc.report.ReportFormat;
import dev.tpc.target.Arch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Maps the plugin configuration onto the core's immutable requests, and the core's usage errors
 * back onto the parameter that caused them (by the request field each error names). Judging policies is the core's job; this class only
 * translates.
 */
final class RequestMapper {
    private RequestMapper() {}

    /**
     * The directories to check, or empty when there is nothing to do: no directory was configured
     * and the default one does not exist (a project without policies, like a project without
     * {@code src/main/java}). A configured directory that does not exist is the core's to refuse.
     */
    static Optional<List<Path>> policyInputs(RawConfiguration raw) {
        if (raw.policyDirectoriesConfigured()) {
            return Optional.of(raw.policyDirectories());
        }
        Path fallback = raw.defaultPolicyDirectory();
        return Files.isDirectory(fallback) ? Optional.of(List.of(fallback)) : Optional.empty();
    }

    static CheckRequest checkRequest(RawConfiguration raw, List<Path> inputs) throws ParameterException {
        return new CheckRequest(inputs, raw.targets(), arch(raw.arch()), raw.baseline(), raw.basedir());
    }

    /**
     * @param force compile even bundles that are up to date
     */
    static CompileRequest compileRequest(RawConfiguration raw, List<Path> inputs, Path outputDirectory, boolean force)
            throws ParameterException {
        return new CompileRequest(inputs, raw.targets(), arch(raw.arch()), outputDirectory, List.of(), !force,
                raw.baseline(), raw.basedir());
    }

    static Arch arch(String value) throws ParameterException {
        String v = value == null ? "" : value;
        Optional<Arch> arch = Arch.parse(v);
        if (arch.isEmpty()) {
            throw new ParameterException(PluginParameter.ARCH, "unknown architecture '" + v + "'; use x86_64 or arm64");
        }
        return arch.get();
    }

    /** The report formats to write as files, in the order given, each once. */
    static List<ReportFormat> reportFormats(List<String> values) throws ParameterException {
        Set<ReportFormat> formats = new LinkedHashSet<>();
        for (String v : values) {
            if (v.equalsIgnoreCase("none")) {
                continue;
            }
            Optional<ReportFormat> f = ReportFormat.parse(v);
            if (f.isEmpty()) {
                throw new ParameterException(PluginParameter.FORMATS,
                        "unknown report format '" + v + "'; use text, json, sarif, junit (or none)");
            }
            formats.add(f.get());
        }
        return List.copyOf(formats);
    }

    static FailOn failOn(String value) throws ParameterException {
        return FailOn.parse(value).orElseThrow(() -> new ParameterException(PluginParameter.FAIL_ON,
                "unknown value '" + value + "'; use error or warning"));
    }

    /**
     * Pins a usage error from the core on the parameter of the request field it names. Fields the
     * plugin does not set (tracepoint formats, explain's file) blame no parameter.
     */
    static ParameterException blame(InvalidRequestException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        Optional<PluginParameter> parameter = switch (e.field()) {
            case INPUTS -> Optional.of(PluginParameter.POLICY_DIRECTORIES);
            case TARGETS -> Optional.of(PluginParameter.TARGETS);
            case BASELINE -> Optional.of(PluginParameter.BASELINE);
            case OUTPUT_DIRECTORY -> Optional.of(PluginParameter.OUTPUT_DIRECTORY);
            case TRACEPOINT_FORMATS, FILE -> Optional.empty();
        };
        return parameter.map(p -> new ParameterException(p, message)).orElseGet(() -> new ParameterException(message));
    }
}
