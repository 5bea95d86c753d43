package dev.tpc.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QuotedTest {
    @Test
    void aValueUpToTheLimitIsShownInFull() {
        String v = "a".repeat(Quoted.LIMIT);
        assertEquals(v, Quoted.text(v));
        assertEquals("\"" + v + "\"", Quoted.doubled(v));
        assertEquals("", Quoted.text(""));
    }

    @Test
    void aLongerValueKeepsItsStartAndEndAndSaysHowMuchWasCut() {
        String v = "start-" + "x".repeat(4_000_000) + "-end";
        String shown = Quoted.text(v);
        assertTrue(shown.startsWith("start-xxx"), shown);
        assertTrue(shown.endsWith("xxx-end"), shown);
        int kept = Quoted.HEAD + Quoted.TAIL;
        assertTrue(shown.contains("...[" + (v.length() - kept) + " characters cut]..."), shown);
        assertTrue(shown.length() < 200, shown);
        assertEquals("\"" + shown + "\"", Quoted.doubled(v));
    }

    @Test
    void noCharacterIsSplitInHalf() {
        // U+1F600 is two UTF-16 units; the cut counts characters (code points)
        String v = "\uD83D\uDE00".repeat(Quoted.LIMIT + 1);
        String shown = Quoted.text(v);
        assertTrue(shown.startsWith("\uD83D\uDE00".repeat(Quoted.HEAD) + "...["), shown);
        assertTrue(shown.endsWith("]..." + "\uD83D\uDE00".repeat(Quoted.TAIL)), shown);
        assertTrue(shown.contains("[" + (Quoted.LIMIT + 1 - Quoted.HEAD - Quoted.TAIL) + " characters cut]"), shown);
    }
}
