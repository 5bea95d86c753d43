package dev.tpc.robustness;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Mutates YAML text the way hurried edits and hostile inputs do: deleted and duplicated lines
 * (keys), swapped lines, scalars replaced by values of another type or by huge and odd values,
 * broken indentation, random bytes and truncation.
 */
final class Mutator {
    private static final String[] ODD_VALUES = {
            "~", "null", "yes", "no", "on", "0x", "0xffffffffffffffffff", "18446744073709551616", "-1",
            "-9223372036854775809", "1e309", ".nan", "[]", "{}", "[1, [2, [3]]]", "{a: {b: {c: d}}}",
            "\"\"", "''", "\"\\u0000\"", "!!binary AAAA", "*undefined", "&anchor x", "\"" + "A".repeat(5000) + "\"",
            "\"/" + "a/".repeat(3000) + "\"", "ünïcødé", "\"\\U0001F680\"", "${PODCIDR}", "list:missing", "127.0.0.1/33",
            "\"::ffff:10.0.0.1/129\"", "CAP_PIZZA", "99999999999", "3.14", "- - - x", "|\n  multi\n  line", ">-\n  folded"};

    private final Random random;

    Mutator(long seed) {
        this.random = new Random(seed);
    }

    String mutate(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int rounds = 1 + random.nextInt(3);
        for (int r = 0; r < rounds && !lines.isEmpty(); r++) {
            int i = random.nextInt(lines.size());
            switch (random.nextInt(9)) {
                case 0 -> lines.remove(i);
                case 1 -> lines.add(i, lines.get(i));
                case 2 -> {
                    int j = random.nextInt(lines.size());
                    String t = lines.get(i);
                    lines.set(i, lines.get(j));
                    lines.set(j, t);
                }
                case 3, 4, 5 -> lines.set(i, replaceValue(lines.get(i)));
                case 6 -> lines.set(i, (random.nextBoolean() ? "  " : "") + lines.get(i).stripLeading());
                case 7 -> lines.set(i, insertRandom(lines.get(i)));
                default -> {
                    String joined = String.join("\n", lines);
                    int cut = random.nextInt(joined.length() + 1);
                    lines = new ArrayList<>(List.of(joined.substring(0, cut).split("\n", -1)));
                }
            }
        }
        return String.join("\n", lines);
    }

    private String replaceValue(String line) {
        String odd = ODD_VALUES[random.nextInt(ODD_VALUES.length)];
        int colon = line.indexOf(": ");
        if (colon >= 0) {
            return line.substring(0, colon + 2) + odd;
        }
        int dash = line.indexOf("- ");
        if (dash >= 0) {
            return line.substring(0, dash + 2) + odd;
        }
        return line + " " + odd;
    }

    private String insertRandom(String line) {
        StringBuilder b = new StringBuilder(line);
        int n = 1 + random.nextInt(8);
        for (int k = 0; k < n; k++) {
            char c = (char) random.nextInt(random.nextBoolean() ? 128 : 0xFFFF);
            if (Character.isSurrogate(c)) {
                c = '?';
            }
            b.insert(random.nextInt(b.length() + 1), c);
        }
        return b.toString();
    }
}
