package dev.tpc.scenario.lang;

import java.util.Collection;
import java.util.Locale;

/** Did-you-mean hints: the known name closest to a misspelt one, by edit distance. */
final class Suggest {
    private Suggest() {}

    /** The candidate closest to {@code word} when it is close enough to be a likely typo; else null. */
    static String closest(String word, Collection<String> candidates) {
        if (word == null || word.isEmpty() || word.length() > 64) {
            return null;
        }
        String lower = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            if (c.equalsIgnoreCase(word)) {
                return c;
            }
            int d = distance(lower, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        int allowed = Math.max(1, Math.min(3, word.length() / 3));
        return bestDistance <= allowed ? best : null;
    }

    /** {@code did you mean "x"?}, or null when nothing is close. */
    static String hint(String word, Collection<String> candidates) {
        String c = closest(word, candidates);
        return c == null ? null : "did you mean \"" + c + "\"?";
    }

    /** The did-you-mean hint, else {@code otherwise}. */
    static String hintOr(String word, Collection<String> candidates, String otherwise) {
        String h = hint(word, candidates);
        return h != null ? h : otherwise;
    }

    /** A short list of names for a hint: all of them when few, else the first ones and how many more. */
    static String some(Collection<String> names) {
        int shown = 0;
        StringBuilder b = new StringBuilder();
        for (String n : names) {
            if (shown == 12) {
                b.append(", ... (").append(names.size() - shown).append(" more)");
                break;
            }
            if (shown > 0) {
                b.append(", ");
            }
            b.append(n);
            shown++;
        }
        return b.toString();
    }

    /** Optimal string alignment distance: Levenshtein, with a swap of two neighbours costing one (stpe, step). */
    private static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 3) {
            return Integer.MAX_VALUE;
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
