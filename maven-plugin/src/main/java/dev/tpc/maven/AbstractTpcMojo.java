package dev.tpc.maven;

import dev.tpc.api.CheckReport;
import dev.tpc.report.ReportFormat;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What the goals share: the parameters that say which policies to judge and how, the mapping of
 * the core's typed results onto the build (log lines, report files, failure), and the mapping of
 * configuration mistakes onto {@code MojoExecutionException}s that name the parameter.
 */
abstract class AbstractTpcMojo extends AbstractMojo {
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    MojoExecution mojoExecution;

    /**
     * Directories searched recursively for policies ({@code *.yaml}, {@code *.yml}); files may be
     * named too. Default: {@code src/main/tetragon}. When no directory is configured and the default
     * one does not exist, the goal does nothing (with an info message); a configured directory that
     * does not exist fails the build.
     */
    @Parameter(property = "tpc.policyDirectories")
    List<File> policyDirectories;

    /**
     * Target kernels to judge policies for: profile names ({@code 5.10}, {@code 6.1}, {@code 6.12},
     * {@code 7.2}) or profile files as printed by {@code tpc probe}. Default: every named profile.
     */
    @Parameter(property = "tpc.targets")
    List<String> targets;

    /** The architecture: {@code x86_64} or {@code arm64}. */
    @Parameter(property = "tpc.arch", defaultValue = "x86_64")
    String arch;

    /**
     * Report files to write into {@code reportDirectory}: any of {@code text}, {@code json},
     * {@code sarif}, {@code junit}, or {@code none}. Findings always go to the build log as well.
     */
    @Parameter(property = "tpc.formats", defaultValue = "sarif,junit")
    List<String> formats;

    /** Which findings fail the build: {@code error}, or {@code warning} (warnings fail it too). */
    @Parameter(property = "tpc.failOn", defaultValue = "error")
    String failOn;

    /** Skip the goal. */
    @Parameter(property = "tpc.skip", defaultValue = "false")
    boolean skip;

    /**
     * Known findings (a file written by {@code tpc check --write-baseline}) that neither fail the
     * build nor appear in reports; they are only counted.
     */
    @Parameter(property = "tpc.baseline")
    File baseline;

    /** Where report files are written. */
    @Parameter(property = "tpc.reportDirectory", defaultValue = "${project.build.directory}/tpc")
    File reportDirectory;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("tpc " + goal() + " skipped (tpc.skip)");
            return;
        }
        RawConfiguration raw = rawConfiguration();
        Optional<List<Path>> inputs = RequestMapper.policyInputs(raw);
        if (inputs.isEmpty()) {
            getLog().info("No policies to " + goal() + ": " + RawConfiguration.DEFAULT_POLICY_DIRECTORY
                    + " does not exist (set " + PluginParameter.POLICY_DIRECTORIES.element() + " to use other directories)");
            return;
        }
        try {
            List<ReportFormat> reportFormats = RequestMapper.reportFormats(raw.formats());
            FailOn failure = RequestMapper.failOn(raw.failOn());
            run(raw, inputs.get(), reportFormats, failure);
        } catch (ParameterException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (RuntimeException e) {
            // a bug in tpc, not in the user's policies: say so without hiding the cause from -e
            throw new MojoExecutionException("tpc " + goal() + " failed unexpectedly (a bug in tpc; please report it): " + e, e);
        }
    }

    /** The goal's name, for messages and report file names. */
    abstract String goal();

    abstract void run(RawConfiguration raw, List<Path> inputs, List<ReportFormat> reportFormats, FailOn failure)
            throws ParameterException, MojoExecutionException, MojoFailureException;

    RawConfiguration rawConfiguration() {
        return RawConfiguration.fromParameters(project.getBasedir(), policyDirectories, targets, arch, formats, failOn, baseline);
    }

    /**
     * Logs the findings, writes the report files and fails the build when {@code failOn} says so.
     */
    void conclude(CheckReport report, RawConfiguration raw, List<ReportFormat> reportFormats, FailOn failure)
            throws MojoExecutionException, MojoFailureException {
        new FindingLines(raw.basedir(), executionRoot(raw.basedir())).log(report, BuildLog.of(getLog()));
        Path directory = reportDirectory.toPath();
        List<Path> written;
        try {
            written = ReportFiles.write(report, reportFormats, directory, ReportFiles.baseName(goal(), mojoExecution.getExecutionId()));
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write tpc reports to " + directory + " (" + PluginParameter.REPORT_DIRECTORY.describe() + "): " + e, e);
        }
        for (Path file : written) {
            getLog().info("Report: " + file);
        }
        if (failure.fails(report)) {
            StringBuilder message = new StringBuilder("tpc ").append(goal()).append(" found ")
                    .append(FindingLines.counts(report)).append(" for ").append(String.join(", ", report.targets()))
                    .append(" on ").append(report.arch().id());
            if (!report.hasErrors()) {
                message.append("; warnings fail the build because ").append(PluginParameter.FAIL_ON.element()).append(" is warning");
            }
            message.append(". The findings are logged above with file:line:col");
            if (!written.isEmpty()) {
                message.append(" and written to ").append(written.get(0));
            }
            message.append('.');
            throw new MojoFailureException(message.toString());
        }
    }

    private Path executionRoot(Path basedir) {
        String root = session == null ? null : session.getExecutionRootDirectory();
        return root == null ? basedir : Path.of(root);
    }
}
