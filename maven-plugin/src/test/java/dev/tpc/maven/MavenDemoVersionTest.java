package dev.tpc.maven;

import dev.tpc.testing.RepoFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tpc.api.ToolInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * examples/maven-demo is a standalone project (no parent), so it names the plugin version itself;
 * it must be the version this build produces, or the demo runs against another release.
 */
class MavenDemoVersionTest {
    @Test
    void theDemoUsesThePluginVersionOfThisBuild() throws Exception {
        Path pom = RepoFiles.resolve("examples/maven-demo/pom.xml");
        Matcher m = Pattern.compile("<tpc\\.version>([^<]+)</tpc\\.version>").matcher(Files.readString(pom, StandardCharsets.UTF_8));
        String demo = m.find() ? m.group(1) : "(none)";
        assertEquals(ToolInfo.current().version(), demo,
                pom + ": <tpc.version> must be the version of this build (update it when the project version changes)");
    }
}
