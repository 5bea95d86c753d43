package dev.tpc.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.project.MavenProject;

/**
 * Runs the check and compile goals in-process, with their parameters set as Maven would inject
 * them, for a test that watches which classes they load: {@link NoNativeCodeTest} loads this class
 * through a class loader of its own, so that everything these goals touch is loaded there.
 */
public final class GoalRuns {
    private GoalRuns() {
    }

    /**
     * check and compile on a project whose policies pass, check on one whose policy is refused,
     * and a skipped check: one line per run saying how it ended.
     */
    public static List<String> checkAndCompile(Path passing, Path failing) {
        List<String> outcomes = new ArrayList<>();
        outcomes.add("check passing: " + outcome(check(passing, false)));
        outcomes.add("compile passing: " + outcome(compile(passing)));
        outcomes.add("check failing: " + outcome(check(failing, false)));
        outcomes.add("check skipped: " + outcome(check(failing, true)));
        return outcomes;
    }

    private static CheckMojo check(Path basedir, boolean skip) {
        CheckMojo mojo = new CheckMojo();
        configure(mojo, basedir, "check");
        mojo.skip = skip;
        return mojo;
    }

    private static CompileMojo compile(Path basedir) {
        CompileMojo mojo = new CompileMojo();
        configure(mojo, basedir, "compile");
        mojo.outputDirectory = basedir.resolve("target/tpc/bundles").toFile();
        mojo.attach = false;
        return mojo;
    }

    private static void configure(AbstractTpcMojo mojo, Path basedir, String goal) {
        MavenProject project = new MavenProject();
        project.setFile(basedir.resolve("pom.xml").toFile());
        mojo.project = project;
        mojo.mojoExecution = new MojoExecution(new MojoDescriptor(), "default-" + goal);
        mojo.arch = "x86_64";
        mojo.formats = List.of("sarif", "junit");
        mojo.failOn = "error";
        mojo.reportDirectory = new File(basedir.toFile(), "target/tpc");
    }

    private static String outcome(AbstractMojo mojo) {
        try {
            mojo.execute();
            return "success";
        } catch (MojoFailureException e) {
            return "failure: " + e.getMessage();
        } catch (MojoExecutionException e) {
            return "error: " + e.getMessage();
        }
    }
}
