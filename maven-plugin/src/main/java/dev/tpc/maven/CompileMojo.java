package dev.tpc.maven;

import dev.tpc.api.CompileReport;
import dev.tpc.api.InvalidRequestException;
import dev.tpc.api.Tpc;
import dev.tpc.report.ReportFormat;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Compiles every policy under the policy directories into a bundle ({@code <policy>.tpb}) and
 * attaches each bundle to the build (type {@code tpb}, classifier = policy name), so that
 * {@code install} and {@code deploy} publish them. The policies are checked first, exactly as by
 * the {@code check} goal; a policy with an error gets no bundle and fails the build. A bundle whose
 * policy, tool, targets and architecture are unchanged is left as it is.
 */
@Mojo(name = "compile", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class CompileMojo extends AbstractTpcMojo {
    /** Where bundles are written, one {@code <policy>.tpb} per policy. */
    @Parameter(property = "tpc.outputDirectory", defaultValue = "${project.build.directory}/tpc/bundles")
    File outputDirectory;

    /** Compile every bundle, even those that are up to date. */
    @Parameter(property = "tpc.force", defaultValue = "false")
    boolean force;

    /** Attach the bundles to the project, so that {@code install} and {@code deploy} publish them. */
    @Parameter(property = "tpc.attach", defaultValue = "true")
    boolean attach;

    @Component
    MavenProjectHelper projectHelper;

    @Override
    String goal() {
        return "compile";
    }

    @Override
    void run(RawConfiguration raw, List<Path> inputs, List<ReportFormat> reportFormats, FailOn failure)
            throws ParameterException, MojoExecutionException, MojoFailureException {
        Path output = raw.basedir().resolve(outputDirectory.toPath()).normalize();
        CompileReport report;
        try {
            report = Tpc.compile(RequestMapper.compileRequest(raw, inputs, output, force));
        } catch (InvalidRequestException e) {
            throw RequestMapper.blame(e);
        }
        conclude(report.check(), raw, reportFormats, failure); // fails on any error, so nothing below sees a failed compile
        List<BundleArtifacts.Attachment> attachments = BundleArtifacts.attachments(report.bundles(), output);
        Map<String, List<String>> clashes = BundleArtifacts.clashes(attachments);
        if (attach && !clashes.isEmpty()) {
            throw new MojoExecutionException("Cannot attach the bundles: several policies share a name, and so a classifier: " + clashes
                    + ". Rename one of them, or set <attach>false</attach> (-Dtpc.attach=false).");
        }
        long kept = attachments.stream().filter(a -> a.bundle().upToDate()).count();
        for (BundleArtifacts.Attachment a : attachments) {
            getLog().info((a.bundle().upToDate() ? "Up to date: " : "Compiled: ") + a.file() + " (" + a.bundle().source()
                    + (a.bundle().document() > 1 ? " document " + a.bundle().document() : "") + ", sha256 " + a.bundle().sha256() + ")");
            if (attach) {
                projectHelper.attachArtifact(project, BundleArtifacts.TYPE, a.classifier(), a.file().toFile());
            }
        }
        getLog().info(FindingLines.count(attachments.size(), "bundle", "bundles") + " in " + output + " ("
                + FindingLines.count(attachments.size() - kept, "compiled", "compiled") + ", " + kept + " up to date"
                + (attach ? "; attached as type tpb" : "") + ")");
    }
}
