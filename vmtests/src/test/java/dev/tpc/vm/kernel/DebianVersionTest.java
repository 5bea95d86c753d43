package dev.tpc.vm.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DebianVersionTest {
    @Test
    void ordersAsDpkgDoes() {
        // dpkg --compare-versions agrees with each of these
        assertTrue(DebianVersion.compare("6.1.192-3", "6.1.192-2") > 0);
        assertTrue(DebianVersion.compare("6.1.192-1", "6.1.187-1") > 0);
        assertTrue(DebianVersion.compare("6.12.117-1", "6.12.117-1~deb12u1") > 0, "~ sorts before the end");
        assertTrue(DebianVersion.compare("6.12.115-2", "6.12.115-1") > 0);
        assertTrue(DebianVersion.compare("1:5.0-1", "6.1-1") > 0, "the epoch first");
        assertTrue(DebianVersion.compare("5.10.262-1", "5.10.99-1") > 0, "numbers, not strings");
        assertTrue(DebianVersion.compare("1.0a-1", "1.0-1") > 0);
        assertTrue(DebianVersion.compare("1.0+b1", "1.0") > 0);
        assertEquals(0, DebianVersion.compare("1.01-1", "1.1-1"));
        List<String> v = new ArrayList<>(List.of("7.2.13-1", "7.2.9-2", "7.2.13-1~exp1", "7.2.13-10"));
        v.sort(DebianVersion.ORDER);
        assertEquals(List.of("7.2.9-2", "7.2.13-1~exp1", "7.2.13-1", "7.2.13-10"), v);
    }
}
