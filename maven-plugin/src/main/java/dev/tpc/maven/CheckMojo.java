package dev.tpc.maven;

import dev.tpc.api.CheckReport;
import dev.tpc.api.InvalidRequestException;
import dev.tpc.api.Tpc;
import dev.tpc.report.ReportFormat;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Checks every policy under the policy directories: would Tetragon accept it on each target
 * kernel? Each finding is logged as {@code path:line:col: severity[code]: message}; the build fails
 * on errors (or on warnings too, with {@code failOn=warning}).
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class CheckMojo extends AbstractTpcMojo {
    @Override
    String goal() {
        return "check";
    }

    @Override
    void run(RawConfiguration raw, List<Path> inputs, List<ReportFormat> reportFormats, FailOn failure)
            throws ParameterException, MojoExecutionException, MojoFailureException {
        CheckReport report;
        try {
            report = Tpc.check(RequestMapper.checkRequest(raw, inputs));
        } catch (InvalidRequestException e) {
            throw RequestMapper.blame(e);
        }
        conclude(report, raw, reportFormats, failure);
    }
}
