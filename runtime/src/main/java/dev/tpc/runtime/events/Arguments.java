package dev.tpc.runtime.events;

import java.util.List;

/** Tetragon's {@code arguments} string: argv[1..] joined by spaces, arguments containing a space quoted. */
public final class Arguments {
    private Arguments() {
    }

    public static String join(List<String> args) {
        StringBuilder sb = new StringBuilder();
        for (String a : args) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(a.contains(" ") ? "\"" + a + "\"" : a);
        }
        return sb.toString();
    }
}
