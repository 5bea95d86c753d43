package dev.tpc.diag;

/**
 * User values as findings quote them. A value up to {@value #LIMIT} characters is shown in full;
 * a longer one by its start and end with the number of characters cut between them, so that a
 * file of one 4 MiB value does not turn every finding that names it (often twice: tpc's words and
 * Tetragon's error text) into megabytes. The span still points at the whole value.
 */
public final class Quoted {
    /** The longest value shown in full, in characters (code points). */
    public static final int LIMIT = 160;
    /** Characters kept from the start and from the end of a longer value. */
    static final int HEAD = 100;
    static final int TAIL = 40;

    private Quoted() {}

    /** The value, shortened when longer than {@link #LIMIT}, without quotes (e.g. inside Tetragon's error text). */
    public static String text(String value) {
        if (value.length() <= LIMIT) {
            return value;
        }
        int characters = value.codePointCount(0, value.length());
        if (characters <= LIMIT) {
            return value;
        }
        int headEnd = value.offsetByCodePoints(0, HEAD);
        int tailStart = value.offsetByCodePoints(value.length(), -TAIL);
        return value.substring(0, headEnd) + "...[" + (characters - HEAD - TAIL) + " characters cut]..."
                + value.substring(tailStart);
    }

    /** {@code "value"}, shortened. */
    public static String doubled(String value) {
        return "\"" + text(value) + "\"";
    }
}
