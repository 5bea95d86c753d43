package dev.tpc.validate;

import dev.tpc.diag.Diagnostic;
import java.util.List;
import java.util.Map;

/**
 * The result of checking one YAML document.
 *
 * @param ordinal     the document's position in its file, from 1
 * @param kind        the document's {@code kind}, or null when it has none
 * @param name        {@code metadata.name}, or null
 * @param policy      whether the document is a TracingPolicy kind that was checked (false for
 *                    other kinds, which are skipped with a note)
 * @param accepted    per target name: would Tetragon accept this document there
 * @param diagnostics every finding, sorted by position
 */
public record DocumentVerdict(int ordinal, String kind, String name, boolean policy,
                              Map<String, Boolean> accepted, List<Diagnostic> diagnostics) {
    public DocumentVerdict {
        accepted = Map.copyOf(accepted);
        diagnostics = List.copyOf(diagnostics);
    }
}
