package dev.tpc.yaml;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds {@code # tpc:ignore=...} comments in the lines of one document. */
final class SuppressionScanner {
    private static final Pattern IGNORE = Pattern.compile("(?:^|\\s)#\\s*tpc:ignore=([A-Za-z0-9_,\\s]+)");

    private SuppressionScanner() {}

    /**
     * @param firstLine first line of the document (1-based)
     * @param firstNodeLine line where the document's root node starts; comment-only lines
     *                      before it apply to the whole document
     * @param lastLine last line of the document
     */
    static Suppressions scan(SourceText source, int firstLine, int firstNodeLine, int lastLine) {
        Set<String> documentCodes = new LinkedHashSet<>();
        Map<Integer, Set<String>> lineCodes = new HashMap<>();
        int last = Math.min(lastLine, source.lines().size());
        for (int n = Math.max(1, firstLine); n <= last; n++) {
            String line = source.line(n);
            Matcher m = IGNORE.matcher(line);
            if (!m.find()) {
                continue;
            }
            Set<String> codes = new HashSet<>();
            for (String c : m.group(1).split("[,\\s]+")) {
                if (!c.isBlank()) {
                    codes.add(c.trim().toUpperCase(java.util.Locale.ROOT));
                }
            }
            boolean commentOnly = line.substring(0, m.start()).isBlank();
            if (commentOnly && n < firstNodeLine) {
                documentCodes.addAll(codes);
            } else {
                lineCodes.computeIfAbsent(n, k -> new HashSet<>()).addAll(codes);
            }
        }
        return new Suppressions(documentCodes, lineCodes);
    }
}
