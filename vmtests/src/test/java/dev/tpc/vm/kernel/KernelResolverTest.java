package dev.tpc.vm.kernel;

import static dev.tpc.vm.kernel.FakeApt.stanza;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.target.DebianKernel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelResolverTest {
    @TempDir
    Path dir;

    @Test
    void picksTheNewestBuildOfTheSeriesAcrossTheReleaseAndItsSecuritySuite() throws Exception {
        FakeApt apt = new FakeApt(dir, Map.of(
                "bookworm", stanza("linux-image-6.1.0-50-amd64-unsigned", "6.1.176-1")
                        + stanza("linux-image-6.1.0-50-cloud-amd64-unsigned", "6.1.176-1"),
                "bookworm-security", stanza("linux-image-6.1.0-57-amd64-unsigned", "6.1.192-3")
                        + stanza("linux-image-6.1.0-57-cloud-amd64-unsigned", "6.1.199-1")
                        + stanza("linux-image-6.1.0-56-amd64-unsigned", "6.1.192-2")
                        + stanza("linux-image-6.12.118+deb12-amd64-unsigned", "6.12.118-1~deb12u1"),
                "trixie", stanza("linux-image-6.1.0-99-amd64-unsigned", "6.1.300-1")));
        Resolution r = KernelResolver.resolve("6.1", new DebianKernel("bookworm",
                List.of("linux-image-6.1.0-*-amd64-unsigned"), "amd64"), apt);
        // not the cloud flavour (newer), not 6.12 backports, not another release's suite
        assertEquals("6.1.192-3", r.version());
        assertEquals("linux-image-6.1.0-57-amd64-unsigned", r.packages().get(0).name());
        assertEquals("bookworm-security", r.packages().get(0).suite());
        assertEquals("linux-image-6.1.0-57-amd64-unsigned_6.1.192-3", r.key());
    }

    @Test
    void splitPackagingResolvesToOneCompleteSetOfOneVersion() throws Exception {
        // 7.2.14's modules are not there yet (a mirror mid-update): the newest complete set wins
        FakeApt apt = new FakeApt(dir, Map.of("sid",
                stanza("linux-binary-unsigned-7.2.14+deb14-amd64", "7.2.14-1")
                        + stanza("linux-base-7.2.14+deb14-amd64", "7.2.14-1")
                        + stanza("linux-binary-unsigned-7.2.13+deb14-amd64", "7.2.13-1")
                        + stanza("linux-modules-7.2.13+deb14-amd64", "7.2.13-1")
                        + stanza("linux-modules-7.2.13+deb14-cloud-amd64", "7.2.13-1")
                        + stanza("linux-base-7.2.13+deb14-amd64", "7.2.13-1")));
        Resolution r = KernelResolver.resolve("7.2", new DebianKernel("sid", List.of("linux-binary-unsigned-7.2.*-amd64",
                "linux-modules-7.2.*-amd64", "linux-base-7.2.*-amd64"), "amd64"), apt);
        assertEquals("7.2.13-1", r.version());
        assertEquals(List.of("linux-binary-unsigned-7.2.13+deb14-amd64", "linux-modules-7.2.13+deb14-amd64",
                "linux-base-7.2.13+deb14-amd64"), r.packages().stream().map(IndexEntry::name).toList());
    }

    @Test
    void aSuiteThatMovedOnIsAClearErrorNamingWhatItCarriesNow() {
        FakeApt apt = new FakeApt(dir, Map.of("sid",
                stanza("linux-binary-unsigned-7.3.2+deb14-amd64", "7.3.2-1")
                        + stanza("linux-binary-unsigned-7.3.1+deb14-amd64", "7.3.1-1")
                        + stanza("linux-binary-unsigned-7.3.2+deb14-cloud-amd64", "7.3.2-1")));
        KernelException e = assertThrows(KernelException.class, () -> KernelResolver.resolve("7.2",
                new DebianKernel("sid", List.of("linux-binary-unsigned-7.2.*-amd64"), "amd64"), apt));
        assertEquals("sid carries no package matching linux-binary-unsigned-7.2.*-amd64 (profile 7.2); what it carries now:"
                + " linux-binary-unsigned-7.3.2+deb14-amd64 7.3.2-1, linux-binary-unsigned-7.3.1+deb14-amd64 7.3.1-1."
                + " Debian has moved on: update the profile's debian.packages, or give a kernel with --kernel PATH.",
                e.getMessage());
        KernelException none = assertThrows(KernelException.class, () -> KernelResolver.resolve("x",
                new DebianKernel("bullseye", List.of("linux-image-5.10.0-*-amd64-unsigned"), "amd64"), apt));
        assertTrue(none.getMessage().startsWith("tpc's Debian index has no suite bullseye"), none.getMessage());
    }
}
