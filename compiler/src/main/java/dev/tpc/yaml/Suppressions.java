package dev.tpc.yaml;

import dev.tpc.diag.Diagnostic;
import java.util.Map;
import java.util.Set;

/**
 * Codes silenced by {@code # tpc:ignore=CODE[,CODE...]} comments: a comment at the end of a
 * line silences findings that start on that line; a comment on a line of its own before a
 * document's first node silences the codes in the whole document.
 */
public record Suppressions(Set<String> documentCodes, Map<Integer, Set<String>> lineCodes) {
    public static final Suppressions NONE = new Suppressions(Set.of(), Map.of());

    public Suppressions {
        documentCodes = Set.copyOf(documentCodes);
        lineCodes = Map.copyOf(lineCodes);
    }

    public boolean silences(Diagnostic d) {
        if (documentCodes.contains(d.code())) {
            return true;
        }
        Set<String> onLine = lineCodes.get(d.span().line());
        return onLine != null && onLine.contains(d.code());
    }
}
