package dev.tpc.runtime.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpc.runtime.plan.NodeFact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeFactsTest {

    @Test
    void readsPid1NamespaceInodes(@TempDir Path proc) throws Exception {
        Path ns = Files.createDirectories(proc.resolve("1/ns"));
        Files.createSymbolicLink(ns.resolve("mnt"), Path.of("mnt:[4026531841]"));
        Files.createSymbolicLink(ns.resolve("user"), Path.of("user:[4026531837]"));
        NodeFacts facts = new NodeFacts(proc);
        assertEquals(4026531841L, facts.value(NodeFact.HOST_MNT_NS));
        assertEquals(4026531837L, facts.value(NodeFact.HOST_USER_NS));
        IOException e = assertThrows(IOException.class, () -> facts.value(NodeFact.HOST_TIME_NS));
        assertTrue(e.getMessage().contains("HOST_TIME_NS"), e.getMessage());
    }
}
